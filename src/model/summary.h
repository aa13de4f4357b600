/* summary.h: the texts both front ends show the same way: an activity's details, the "why"
 * of a profile, and the slip the person takes home. Plain UTF-8 text with newlines; the
 * front end wraps it. Pure logic. */
#ifndef INFOKAART_SUMMARY_H
#define INFOKAART_SUMMARY_H

#include "flow.h"

/* Details of activity a (description, how to refer, contact, schedule, when it was checked,
 * a warning when stale, and that it has ended when it has). malloc'd. */
char *summary_activity(const content *c, const ik_activity *a, bool stale, ik_lang lang);
/* Appends the activity's phones, e-mail and website, one a line, or that none are known. */
void summary_contact_lines(strbuf *b, const ik_activity *a);

/* "Why this profile": the answers that decided it, one line each. malloc'd. */
char *summary_profile_why(const flow *f, ik_lang lang);

/* The slip for the person: chosen activity, how to get there, follow-up date, case code,
 * and where to find help. No name, no note. malloc'd. */
char *summary_slip(const flow *f, ik_lang lang);

/* The tips for a place (and, for TIP_PHASE and TIP_QUESTION, the phase or question index)
 * whose conditions hold for these answers, one line each starting with "Tip: " (no newline
 * after the last); "" when there are none. malloc'd. */
char *summary_tips(const content *c, const answers *as, ik_tip_place place, int index, ik_lang lang);

/* The month an activity was last checked, "2021-06", into buf (8 bytes). */
void summary_checked(const ik_activity *a, char buf[8]);

/* One answer in words ("Overvecht", "sociaal, emotioneel", "3"). malloc'd. */
char *summary_answer(const answers *as, int q, ik_lang lang);

#endif
