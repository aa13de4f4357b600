/* content_image.h: the catalogue image: the checked activities of a catalogue, with every
 * string and list they point to, laid out in one file that is mapped instead of parsed. A
 * start then touches only what it shows: ranking reads the activities, search its own part,
 * a detail screen one activity's strings. The writer takes activities one at a time as the
 * loader checks them, so a catalogue never needs to be in memory whole; the reader maps a
 * finished image, checks it and points content.activities into it. Layout: content_image.c.
 * Only the loader uses this. */
#ifndef INFOKAART_CONTENT_IMAGE_H
#define INFOKAART_CONTENT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "content.h"

/* What an image was made from. A reader refuses an image whose key differs. */
typedef struct {
	uint64_t program[4]; /* the loader's sources (content_image_id.h, made by
			      * sources_id.py) and the image layout */
	uint64_t text[2];    /* infokaart.json and profiles.json: a hash of their bytes */
	uint64_t file[8];    /* activities.json: device, inode, size, mtime and ctime (s, ns) */
} img_key;

/* The key of an image of the activities file described by st, checked against questions and
 * profiles files whose bytes hash to text_hash. */
struct stat;
void img_key_make(img_key *k, const uint64_t text_hash[2], const struct stat *st);

/* A 64-bit hash of n bytes (for keys and checksums; not for secrets). */
uint64_t img_hash(const void *p, size_t n, uint64_t seed);

typedef struct img_writer img_writer;

/* A writer into fd, an empty file open for writing (a new file, or a memfd). chunk_hint: the
 * size of the input, which sets the size of the chunks the strings go in. */
img_writer *img_writer_new(int fd, size_t size_hint);
/* Adds a copy of a, with all it points to. Nothing a points to need outlive the call. */
void img_writer_put(img_writer *w, const ik_activity *a);
/* A writer for activities that come after all of w's (and its parts' so far), which another
 * thread may fill at the same time as w: its strings go into chunks of the same file, each
 * taken from the same count. It belongs to w: finishing w takes the parts' activities after
 * w's, in order; freeing w frees them. size_hint: as for img_writer_new, its share. */
img_writer *img_writer_part(img_writer *w, size_t size_hint);
/* from is full (nothing more is put into it): its last chunk is written now, and the buffer
 * it filled chunks in goes to to (NULL: none), which fills its own in it. A thread that fills
 * one part after another so holds one buffer, not one a part (each a fresh megabyte: on a
 * virtual machine fresh memory costs more than filling it). */
void img_writer_pass(img_writer *from, img_writer *to);
/* Drops part, one of w's parts, and its activities (its chunks stay in the file, unused). */
void img_writer_drop(img_writer *w, img_writer *part);
/* Writes what is left and the header, with key, points c->activities into the image (as
 * img_map, moving the writers' own memory there instead of reading it back) and frees w.
 * whole: the complete image, for a file to map again later (img_map); else only what stays
 * mapped from it (a memfd). 0, or -1 with errno set (the file is then not an image and c is
 * unchanged). */
int img_writer_finish(img_writer *w, const img_key *key, bool whole, content *c);
void img_writer_free(img_writer *w); /* abandons the image, with its parts; accepts NULL */

/* Maps the image in fd and points c->activities (and nactivities, image, image_size) into it.
 * key: refused unless it was made with this key (NULL: any). verify: check every byte against
 * its checksum (an image just written may skip that). The mapping outlives fd. 0, or -1 when
 * the file is not a sound image (then c is unchanged). */
int img_map(int fd, const img_key *key, bool verify, content *c);

#endif
