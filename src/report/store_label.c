/* store_label.c: ids from the records to names from the content (see store_label.h). */
#include "store_label.h"

#include "i18n.h"

const char *store_label_option(const content *c, ik_lang lang, ik_facet facet, const char *key)
{
	if (!key || !*key)
		return _("(onbekend)");
	int q = c ? c->facet_q[facet] : -1;
	int o = q >= 0 ? content_option_index(&c->questions[q], key) : -1;
	return o >= 0 ? ik_tr(&c->questions[q].opts[o].text, lang) : key;
}

const char *store_label(const content *c, ik_lang lang, store_by by, const char *key)
{
	if (!key || !*key)
		return _("(onbekend)");
	int i;
	switch (by) {
	case STORE_BY_PROFILE:
		i = c ? content_profile_index(c, key) : -1;
		return i >= 0 ? ik_tr(&c->profiles[i].name, lang) : key;
	case STORE_BY_ACTIVITY:
		i = c ? content_activity_index(c, key) : -1;
		return i >= 0 ? c->activities[i].name : key;
	case STORE_BY_WIJK: return store_label_option(c, lang, FACET_WIJK, key);
	case STORE_BY_ROLE: return store_label_option(c, lang, FACET_ROLE, key);
	case STORE_BY_STATUS: {
		const char *label = store_status_label(key);
		return label ? label : key;
	}
	case STORE_BY_MONTH:
	case STORE_BY_SITE: /* named by the figures themselves: store_count_name */
	case STORE_BY_N: break;
	}
	return key;
}

const char *store_count_name(const content *c, ik_lang lang, store_by by, const store_count *n)
{
	return n->name[0] ? n->name : store_label(c, lang, by, n->key);
}

bool store_by_shown(const store_statistics *st, store_by by)
{
	return by != STORE_BY_SITE || st->network;
}

const char *store_by_title(store_by by)
{
	static const char *const titles[STORE_BY_N] = {
		N_("Per maand"),     N_("Per profiel"), N_("Per wijk"),
		N_("Per activiteit"), N_("Per rol van de signaleerder"), N_("Per status nu"),
		N_("Per site"),
	};
	return by >= 0 && by < STORE_BY_N ? _(titles[by]) : "";
}
