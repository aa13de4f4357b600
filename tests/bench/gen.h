/* gen.h: writes synthetic but realistic catalogues for the benchmark: Dutch text with
 * diacritics (ë, é, ö, ĳ), names, organisations, one to three sentences of description in
 * both languages, wijken, profiles and the rest of an activity, all valid per
 * content/SCHEMA.md. Deterministic: the same seed and size give the same bytes. */
#ifndef INFOKAART_BENCH_GEN_H
#define INFOKAART_BENCH_GEN_H

#include <stdint.h>

#include "content.h"

/* Writes a content folder `dir` (created if missing): activities.json with n activities
 * (n >= 1), and a copy of the other content files from base_dir. The ids the activities name
 * (wijken, interests, profiles) are taken from base, which was loaded from base_dir.
 * Returns 0, or -1 after one line on stderr. */
int bench_gen_folder(const char *dir, const char *base_dir, const content *base, int n, uint64_t seed);

/* The deterministic generator behind it (splitmix64), also used for the typing session
 * and the personas. */
uint64_t bench_rand(uint64_t *state);
int bench_rand_below(uint64_t *state, int n); /* 0 .. n-1 */

#endif
