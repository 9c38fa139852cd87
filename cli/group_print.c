/* What `member`, `plan` and `calendar` share: a change said, the entries in
 * conflict and the rows that could not be read shown, their JSON. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grille/grille.h"
#include "cmd.h"

/* The one commit that moved grille.yaml's data to the files, if this change made it: its message says why. */
static void print_moved(const grille_group_change *change)
{
	size_t len = strlen(change->moved);
	while (len && (change->moved[len - 1] == '\n' || change->moved[len - 1] == ' '))
		len--;
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_put(&text, change->moved, len);
	say(_("Jalon %.7s : %s\n"), change->moved_commit, visible(text.ptr ? text.ptr : change->moved));
	grille_buf_release(&text);
}

void print_group_change(const grille_group_change *change)
{
	if (change->moved)
		print_moved(change);
	for (size_t i = 0; i < change->warning_count; i++)
		print_error(_("attention : %s"), change->warnings[i]);
}

const char *where(const char *file, size_t line)
{
	static char text[256];
	if (line)
		snprintf(text, sizeof(text), "%s:%zu", here(file), line);
	else
		snprintf(text, sizeof(text), "%s", here(file));
	return text;
}

static int of_file(const char *problem, const char *file)
{
	size_t len = strlen(file);
	return strncmp(problem, file, len) == 0 && problem[len] == ':';
}

int print_group_troubles(const grille_group *group, const char *file, const char *how_to_settle)
{
	int conflicts = 0, problems = 0;
	for (size_t i = 0; i < group->conflict_count; i++) {
		const grille_entry_conflict *c = &group->conflicts[i];
		if (!how_to_settle || strcmp(c->file, file) != 0)
			continue;
		printf(_("\nEn conflit : %zu versions de « %s » :\n"), c->count, visible(c->key));
		for (size_t r = 0; r < c->count; r++)
			printf("  %s:%zu: %s\n", here(c->file), c->lines[r], visible(c->texts[r]));
		conflicts++;
	}
	if (conflicts)
		printf("%s\n", how_to_settle);
	/* main said what they are, with every command's warnings (print_group_warnings()). */
	for (size_t i = 0; i < group->problem_count; i++)
		problems += of_file(group->problems[i], file);
	return problems;
}

json_t *json_text(const char *s)
{
	if (!s)
		return json_null();
	size_t len = strlen(s);
	if (grille_text_is_clean(s, len, GRILLE_TEXT_UTF8))
		return json_stringn(s, len);
	grille_buf clean = GRILLE_BUF_INIT;
	json_t *string = grille_text_clean(&clean, s, len, GRILLE_TEXT_UTF8) == 0 ? json_stringn(clean.ptr, clean.len) : NULL;
	grille_buf_release(&clean);
	return string;
}

json_t *json_texts(char *const *texts, size_t count)
{
	json_t *array = json_array();
	for (size_t i = 0; array && i < count; i++)
		if (json_array_append_new(array, json_text(texts[i])) < 0) {
			json_decref(array);
			return NULL;
		}
	return array;
}

/* {"key": ..., "rows": [{"line": 5, "text": "| ... |"}, ...]} */
static json_t *json_conflict(const grille_entry_conflict *c)
{
	json_t *rows = json_array();
	for (size_t r = 0; rows && r < c->count; r++)
		if (json_array_append_new(rows, json_pack("{s:I, s:o}", "line", (json_int_t)c->lines[r],
		                                          "text", json_text(c->texts[r]))) < 0) {
			json_decref(rows);
			return NULL;
		}
	return json_pack("{s:o, s:o}", "key", json_text(c->key), "rows", rows);
}

int json_group_troubles(json_t *root, const grille_group *group, const char *file)
{
	json_t *conflicts = json_array(), *problems = json_array();
	int failed = json_object_set_new(root, "conflicts", conflicts) < 0 ||
	             json_object_set_new(root, "problems", problems) < 0 || !conflicts || !problems;
	for (size_t i = 0; !failed && i < group->conflict_count; i++)
		if (strcmp(group->conflicts[i].file, file) == 0)
			failed = json_array_append_new(conflicts, json_conflict(&group->conflicts[i])) < 0;
	for (size_t i = 0; !failed && i < group->problem_count; i++)
		if (of_file(group->problems[i], file))
			failed = json_array_append_new(problems, json_text(group->problems[i])) < 0;
	return failed ? -1 : 0;
}

int print_json(json_t *root)
{
	char *text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(root);
	if (!text) {
		print_error("%s", _("mémoire insuffisante"));
		return EXIT_FAILED;
	}
	printf("%s\n", text);
	free(text);
	return EXIT_OK;
}

const char *today_of(const struct grille_ctx *ctx, char out[GRILLE_DATE_LEN + 1])
{
	if (ctx->today)
		return ctx->today;
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(out, GRILLE_DATE_LEN + 1, "%Y-%m-%d", &tm))
		out[0] = '\0';
	return out;
}

int load_group(const grille_group **out, struct grille_ctx *ctx, const char *command)
{
	if (grille_workspace_group(out, ctx->ws) < 0)
		return fail_with_library_error(command);
	return EXIT_OK;
}
