/* djg.c: De Jong Gierveld 6-item scoring (see djg.h). The manual's SPSS syntax: an item
 * scores 1 for its scoring answers; the total is missing when more than one item is missing
 * (with one missing the remaining five are counted, not imputed); a subscale is missing when
 * any of its items is. */
#include "djg.h"

djg_score djg_compute(const ik_djg *g, const int answers[6])
{
	djg_score s = {0, 0, 0, DJG_UNKNOWN};
	int missing = 0, sub_missing[2] = {0, 0}, sub[2] = {0, 0};
	for (int i = 0; i < 6; i++) {
		const ik_djg_item *it = &g->items[i];
		if (answers[i] < 0 || answers[i] > 2) {
			missing++;
			sub_missing[it->subscale]++;
			continue;
		}
		int point = it->scores >> answers[i] & 1;
		s.total += point;
		sub[it->subscale] += point;
	}
	s.emotional = sub_missing[0] ? DJG_MISSING : sub[0];
	s.social = sub_missing[1] ? DJG_MISSING : sub[1];
	if (missing > 1) {
		s.total = DJG_MISSING;
		return s;
	}
	s.level = s.total <= 1 ? DJG_NOT_LONELY : s.total <= 4 ? DJG_MODERATE : DJG_SEVERE;
	return s;
}
