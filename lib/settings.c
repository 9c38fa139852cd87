#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "grille/error.h"
#include "errors.h"
#include "intl.h"
#include "settings.h"

static int write_to_buf(void *data, unsigned char *bytes, size_t size)
{
	return grille_buf_put(data, bytes, size) == 0;
}

/* The emitter's calls, chained: each stops doing anything after a failure. */
struct emit {
	yaml_emitter_t emitter;
	int failed;
};

static void emit(struct emit *e, yaml_event_t *event)
{
	if (e->failed)
		yaml_event_delete(event);
	else if (!yaml_emitter_emit(&e->emitter, event)) /* frees the event, even on failure */
		e->failed = 1;
}

static void scalar(struct emit *e, const char *value, yaml_scalar_style_t style)
{
	yaml_event_t event;
	if (!e->failed && !yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)value,
	                                                (int)strlen(value), 1, 1, style))
		e->failed = 1;
	else
		emit(e, &event);
}

static void pair(struct emit *e, const char *key, const char *value, yaml_scalar_style_t style)
{
	scalar(e, key, YAML_PLAIN_SCALAR_STYLE);
	scalar(e, value ? value : "", style);
}

static void mapping(struct emit *e, int start)
{
	yaml_event_t event;
	if (start)
		yaml_mapping_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	else
		yaml_mapping_end_event_initialize(&event);
	emit(e, &event);
}

static void empty_list(struct emit *e, const char *key)
{
	yaml_event_t event;
	scalar(e, key, YAML_PLAIN_SCALAR_STYLE);
	yaml_sequence_start_event_initialize(&event, NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE);
	emit(e, &event);
	yaml_sequence_end_event_initialize(&event);
	emit(e, &event);
}

int grille_settings_render(grille_buf *out, const grille_new_settings *s)
{
	struct emit e = { .failed = 0 };
	if (!yaml_emitter_initialize(&e.emitter))
		return grille_error_oom();
	yaml_emitter_set_output(&e.emitter, write_to_buf, out);
	yaml_emitter_set_unicode(&e.emitter, 1);
	yaml_emitter_set_width(&e.emitter, -1);

	yaml_event_t event;
	yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
	emit(&e, &event);
	yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1);
	emit(&e, &event);
	mapping(&e, 1);

	char level[16];
	snprintf(level, sizeof(level), "%d", s->level);
	pair(&e, "format", "1", YAML_PLAIN_SCALAR_STYLE);
	pair(&e, "title", s->title, YAML_ANY_SCALAR_STYLE);
	pair(&e, "collective", s->collective, YAML_ANY_SCALAR_STYLE);
	pair(&e, "language", s->language, YAML_ANY_SCALAR_STYLE);
	scalar(&e, "grid", YAML_PLAIN_SCALAR_STYLE);
	mapping(&e, 1);
	pair(&e, "id", s->grid_id, YAML_ANY_SCALAR_STYLE);
	pair(&e, "version", s->grid_version, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	if (s->grid_file)
		pair(&e, "file", s->grid_file, YAML_ANY_SCALAR_STYLE);
	mapping(&e, 0);
	pair(&e, "level", level, YAML_PLAIN_SCALAR_STYLE);
	empty_list(&e, "members");
	scalar(&e, "test_phase", YAML_PLAIN_SCALAR_STYLE);
	mapping(&e, 1);
	pair(&e, "start", "", YAML_ANY_SCALAR_STYLE);
	pair(&e, "end", "", YAML_ANY_SCALAR_STYLE);
	mapping(&e, 0);
	empty_list(&e, "reviews");

	mapping(&e, 0);
	yaml_document_end_event_initialize(&event, 1);
	emit(&e, &event);
	yaml_stream_end_event_initialize(&event);
	emit(&e, &event);

	int error = 0;
	if (e.failed)
		error = grille_error_set(GRILLE_ERROR, _("impossible d'écrire « grille.yaml » : %s"),
		                         e.emitter.problem ? e.emitter.problem : _("mémoire insuffisante"));
	yaml_emitter_delete(&e.emitter);
	return error;
}
