#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "grille/error.h"
#include "errors.h"
#include "fs.h"
#include "hash.h"
#include "intl.h"
#include "serve_private.h"
#include "utf8.h"

enum { FORM_FIELDS_MAX = 64 };

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Whether `len` bytes at `s` are well-formed UTF-8 without NUL. */
static int plain_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = utf8__decode(s + i, len - i, &cp);
		if (cp <= 0)
			return 0;
		i += n;
	}
	return 1;
}

/* `len` bytes at `s`, '+' as a space and %XX decoded, in a new string. */
static int decode(char **out, const char *s, size_t len)
{
	*out = NULL;
	char *text = malloc(len + 1);
	if (!text)
		return error__oom();
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+')
			text[n++] = ' ';
		else if (s[i] != '%')
			text[n++] = s[i];
		else if (i + 2 < len && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
			text[n++] = (char)(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
			i += 2;
		} else {
			free(text);
			return error__set(GRILLE_EARGUMENT, "%s", _("un signe pour cent n'est pas suivi de deux chiffres hexadécimaux"));
		}
	}
	text[n] = '\0';
	if (!plain_utf8(text, n)) {
		free(text);
		return error__set(GRILLE_EARGUMENT, "%s", _("le texte reçu n'est pas de l'UTF-8 valide"));
	}
	*out = text;
	return 0;
}

int serve__form_parse(struct serve_form *out, const char *data, size_t len)
{
	memset(out, 0, sizeof(*out));
	size_t fields = 0;
	for (size_t i = 0; i < len; i++)
		fields += data[i] == '&';
	if (fields + 1 > FORM_FIELDS_MAX)
		return error__set(GRILLE_EARGUMENT, "%s", _("le formulaire a trop de champs"));
	if (!(out->names = calloc(fields + 1, sizeof(char *))) || !(out->values = calloc(fields + 1, sizeof(char *))))
		return error__oom();
	for (size_t at = 0; at < len;) {
		const char *end = memchr(data + at, '&', len - at);
		size_t field_end = end ? (size_t)(end - data) : len;
		const char *eq = memchr(data + at, '=', field_end - at);
		size_t name_end = eq ? (size_t)(eq - data) : field_end;
		if (field_end > at) {
			size_t k = out->count;
			int error = decode(&out->names[k], data + at, name_end - at);
			if (!error)
				error = decode(&out->values[k], eq ? eq + 1 : "", eq ? field_end - name_end - 1 : 0);
			if (out->names[k] || out->values[k])
				out->count++;
			if (error)
				return error;
		}
		at = field_end + 1;
	}
	return 0;
}

const char *serve__form_get(const struct serve_form *form, const char *name)
{
	for (size_t i = 0; i < form->count; i++)
		if (form->names[i] && strcmp(form->names[i], name) == 0)
			return form->values[i] ? form->values[i] : "";
	return NULL;
}

void serve__form_release(struct serve_form *form)
{
	for (size_t i = 0; i < form->count; i++) {
		free(form->names[i]);
		free(form->values[i]);
	}
	free(form->names);
	free(form->values);
	memset(form, 0, sizeof(*form));
}

int serve__random_hex(char *out, size_t bytes)
{
	unsigned char raw[64];
	if (bytes > sizeof(raw))
		return error__set(GRILLE_EARGUMENT, "%s", "too many random bytes");
	size_t got = 0;
	while (got < bytes) {
		ssize_t n = getrandom(raw + got, bytes - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return error__set(GRILLE_EIO, _("le système n'a pas donné de nombres aléatoires : %s"), strerror(errno));
		got += (size_t)n;
	}
	for (size_t i = 0; i < bytes; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	out[2 * bytes] = '\0';
	return 0;
}

int serve__equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char diff = la != lb;
	for (size_t i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ (i < lb ? b[i] : 0));
	return diff == 0;
}

static uint64_t stat_into(uint64_t h, const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return hash__fnv1a(h, "-", 1);
	uint64_t parts[5] = { (uint64_t)st.st_ino, (uint64_t)st.st_size, (uint64_t)st.st_mtim.tv_sec,
	                      (uint64_t)st.st_mtim.tv_nsec, (uint64_t)st.st_ctim.tv_nsec };
	return hash__fnv1a(h, parts, sizeof(parts));
}

void serve__version(char out[SERVE_HASH_HEX], const char *root)
{
	static const char *const git_files[] = { ".git/HEAD", ".git/refs/tags", ".git/packed-refs", ".git/refs/heads" };
	uint64_t h = HASH__FNV1A_INIT;
	DIR *dir = opendir(root);
	for (struct dirent *e; dir && (e = readdir(dir));) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || !(strcmp(e->d_name, "grille.yaml") == 0 ||
		                             (len > 3 && strcmp(e->d_name + len - 3, ".md") == 0)))
			continue;
		char *path = fs__join(root, e->d_name);
		h = hash__fnv1a(h, e->d_name, len + 1);
		if (path)
			h = stat_into(h, path);
		free(path);
	}
	if (dir)
		closedir(dir);
	for (size_t i = 0; i < sizeof(git_files) / sizeof(*git_files); i++) {
		char *path = fs__join(root, git_files[i]);
		if (path)
			h = stat_into(h, path);
		free(path);
	}
	snprintf(out, SERVE_HASH_HEX, "%016llx", (unsigned long long)h);
}

void serve__answer_hash(char out[SERVE_HASH_HEX], const char *text)
{
	uint64_t h = text ? hash__fnv1a(HASH__FNV1A_INIT, text, strlen(text)) : 0;
	snprintf(out, SERVE_HASH_HEX, "%016llx", (unsigned long long)h);
}
