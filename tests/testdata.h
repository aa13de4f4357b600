/* testdata.h: what several unit tests share about tests/data/ ($INFOKAART_TEST_DATA). */
#ifndef INFOKAART_TESTDATA_H
#define INFOKAART_TESTDATA_H

#include <stdbool.h>

/* The sorted names in $INFOKAART_TEST_DATA/<sub>: its folders when dirs is true, else its
 * files ending in suffix (the suffix cut off). Hidden entries are skipped. NULL with *n 0
 * when the folder is missing. Free each name and the array. */
char **testdata_list(const char *sub, bool dirs, const char *suffix, int *n);

#endif
