/* fuzz_common.h: what the fuzz targets share: a private temporary folder (on /dev/shm when
 * there is one: every run writes its input to a file, as the loader reads files) and writing
 * an input there. The targets run under libFuzzer (-fsanitize=fuzzer) and, built with any
 * compiler, under replay.c, which feeds them the corpus and the saved crashes as a test. */
#ifndef INFOKAART_FUZZ_COMMON_H
#define INFOKAART_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"

/* The folder, made on first use and removed at exit. Aborts when it cannot be made. */
const char *fuzz_tmpdir(void);

/* Writes data[0..n) to path (replacing it). Aborts on failure: a fuzz run must not go on
 * with a stale file. */
void fuzz_write(const char *path, const uint8_t *data, size_t n);

/* The bundled content folder (the source tree's content/). */
const char *fuzz_content_dir(void);

/* The bundled content, loaded; aborts (after printing why) when it cannot be. */
content *fuzz_content(void);

/* Aborts unless every message of d names its file, has a place of 0 or more and is one line
 * of valid UTF-8 without control characters; `who` starts what it prints. */
void fuzz_check_messages(const diags *d, const char *who);

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
