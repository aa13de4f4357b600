/* djg.h: scoring of the De Jong Gierveld 6-item loneliness scale exactly as its manual
 * (de Jong Gierveld & van Tilburg 1999; 6-item version 2006) does it. A research instrument,
 * never a diagnosis; shown only as an optional module. Pure logic. */
#ifndef INFOKAART_DJG_H
#define INFOKAART_DJG_H

#include "content.h"

#define DJG_MISSING (-1)

typedef enum { DJG_NOT_LONELY, DJG_MODERATE, DJG_SEVERE, DJG_UNKNOWN } djg_level;

typedef struct {
	int total;      /* 0–6, or DJG_MISSING when more than one item is missing */
	int emotional;  /* 0–3, or DJG_MISSING when any emotional item is missing */
	int social;     /* 0–3, or DJG_MISSING when any social item is missing */
	djg_level level;/* total 0–1 not lonely, 2–4 moderate, 5–6 severe */
} djg_score;

/* answers[i] is the answer index (0..2, into g->answers) for item i, or DJG_MISSING. */
djg_score djg_compute(const ik_djg *g, const int answers[6]);

#endif
