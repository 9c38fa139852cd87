#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>


#include "grille/group.h"
#include "grille/history.h"
#include "grille/lock.h"
#include "grille/serve.h"
#include "grille/error.h"
#include "errors.h"
#include "intl.h"
#include "mhd_load.h"
#include "serve_private.h"

/* Bounds on what a browser may send: an answer is far smaller. */
enum {
	BODY_MAX = 1 << 20,         /* a form's body: 1 Mio (413 beyond) */
	HEADERS_MEMORY = 32 << 10,  /* a request's line and headers (libmicrohttpd answers 431 beyond) */
};

#define COOKIE_NAME "grille_session"

/* One request, from its first line to its answer. */
struct request {
	char *uri;                  /* as sent, query string included */
	grille_buf body;
	int too_large;
	int started;
};

static const char *const security_headers[][2] = {
	{ "Cache-Control", "no-store" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "same-origin" }, /* "no-referrer" would make browsers send "Origin: null" */
	{ "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
	                             "connect-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; "
	                             "base-uri 'none'" },
};

static enum MHD_Result send_reply(struct MHD_Connection *connection, struct serve_reply *reply)
{
	if (!reply->body.len && reply->status >= 400)
		grille_buf_printf(&reply->body, "%u\n", reply->status);
	struct MHD_Response *response = mhd.MHD_create_response_from_buffer(reply->body.len,
		reply->body.ptr ? reply->body.ptr : (char *)"", MHD_RESPMEM_MUST_COPY);
	if (!response)
		return MHD_NO;
	mhd.MHD_add_response_header(response, "Content-Type", reply->type ? reply->type : "text/plain; charset=utf-8");
	for (size_t i = 0; i < sizeof(security_headers) / sizeof(*security_headers); i++)
		mhd.MHD_add_response_header(response, security_headers[i][0], security_headers[i][1]);
	if (reply->location[0])
		mhd.MHD_add_response_header(response, "Location", reply->location);
	if (reply->cookie[0])
		mhd.MHD_add_response_header(response, "Set-Cookie", reply->cookie);
	if (reply->allow)
		mhd.MHD_add_response_header(response, "Allow", reply->allow);
	enum MHD_Result result = mhd.MHD_queue_response(connection, reply->status, response);
	mhd.MHD_destroy_response(response);
	return result;
}

static enum MHD_Result send_status(struct MHD_Connection *connection, unsigned status)
{
	struct serve_reply reply = { .status = status };
	enum MHD_Result result = send_reply(connection, &reply);
	grille_buf_release(&reply.body);
	return result;
}

static struct serve_session *session_of(struct grille_server *server, const char *cookie)
{
	struct serve_session *found = NULL;
	if (!cookie)
		return NULL;
	for (size_t i = 0; i < SERVE_SESSIONS_MAX; i++)
		if (server->sessions[i].id[0] && serve__equal(server->sessions[i].id, cookie))
			found = &server->sessions[i];
	return found;
}

static struct serve_session *session_new(struct grille_server *server)
{
	struct serve_session *s = &server->sessions[0];
	for (size_t i = 1; i < SERVE_SESSIONS_MAX && s->id[0]; i++)
		if (!server->sessions[i].id[0] || server->sessions[i].used < s->used)
			s = &server->sessions[i];
	free(s->member);
	memset(s, 0, sizeof(*s));
	if (serve__random_hex(s->id, SERVE_TOKEN_BYTES) < 0 || serve__random_hex(s->csrf, SERVE_TOKEN_BYTES) < 0) {
		memset(s, 0, sizeof(*s));
		return NULL;
	}
	return s;
}

static int bad_percent(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == '%' && !(i + 2 < len + 0 && strchr("0123456789abcdefABCDEF", s[i + 1]) && s[i + 1] &&
		                     strchr("0123456789abcdefABCDEF", s[i + 2]) && s[i + 2]))
			return 1;
	return 0;
}

static void *log_uri(void *cls, const char *uri, struct MHD_Connection *connection)
{
	(void)cls;
	(void)connection;
	struct request *r = calloc(1, sizeof(*r));
	if (r && !(r->uri = strdup(uri ? uri : ""))) {
		free(r);
		r = NULL;
	}
	return r;
}

static void completed(void *cls, struct MHD_Connection *connection, void **con_cls, enum MHD_RequestTerminationCode code)
{
	(void)cls;
	(void)connection;
	(void)code;
	struct request *r = *con_cls;
	if (r) {
		free(r->uri);
		grille_buf_release(&r->body);
		free(r);
	}
	*con_cls = NULL;
}

/* The checks every request passes before anything else, on its headers:
 * 0 to go on, or the status to answer. */
static unsigned first_checks(struct grille_server *server, struct MHD_Connection *connection, const char *method,
                             const struct serve_route **route)
{
	const char *host = mhd.MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	if (!host || strcasecmp(host, server->host) != 0)
		return 421;
	int post = strcmp(method, "POST") == 0;
	if (!post && strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return 405;
	(void)route;
	return 0;
}

static enum MHD_Result answer_request(void *cls, struct MHD_Connection *connection, const char *url,
                                      const char *method, const char *version, const char *upload_data,
                                      size_t *upload_data_size, void **con_cls)
{
	(void)url;
	(void)version;
	struct grille_server *server = cls;
	struct request *r = *con_cls;
	if (!r)
		return MHD_NO;
	if (!r->started) {
		r->started = 1;
		server->requests++;
		const char *query = strchr(r->uri, '?');
		size_t path_len = query ? (size_t)(query - r->uri) : strlen(r->uri);
		const struct serve_route *route = serve__route(r->uri, path_len);
		unsigned status = first_checks(server, connection, method, &route);
		if (!status && bad_percent(r->uri, strlen(r->uri)))
			status = 400;
		if (!status && !route)
			status = 404;
		int post = strcmp(method, "POST") == 0;
		if (!status && route->post != post) {
			struct serve_reply reply = { .status = 405, .allow = route->post ? "POST" : "GET, HEAD" };
			enum MHD_Result result = send_reply(connection, &reply);
			grille_buf_release(&reply.body);
			return result;
		}
		if (status)
			return send_status(connection, status);
		if (post) {
			const char *length = mhd.MHD_lookup_connection_value(connection, MHD_HEADER_KIND,
			                                                 MHD_HTTP_HEADER_CONTENT_LENGTH);
			if (length && strtoull(length, NULL, 10) > BODY_MAX)
				return send_status(connection, 413);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (r->body.len + *upload_data_size > BODY_MAX)
			r->too_large = 1;
		else if (grille_buf_put(&r->body, upload_data, *upload_data_size) < 0)
			return MHD_NO;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (r->too_large)
		return send_status(connection, 413);

	const char *query = strchr(r->uri, '?');
	size_t path_len = query ? (size_t)(query - r->uri) : strlen(r->uri);
	const struct serve_route *route = serve__route(r->uri, path_len);
	struct serve_form q, form;
	memset(&form, 0, sizeof(form));
	struct serve_reply reply = { .status = 500 };
	enum MHD_Result result;
	int bad = serve__form_parse(&q, query ? query + 1 : "", query ? strlen(query + 1) : 0) < 0;
	struct serve_session *session = session_of(server, mhd.MHD_lookup_connection_value(connection, MHD_COOKIE_KIND,
	                                                                               COOKIE_NAME));
	const char *token = serve__form_get(&q, "token");
	if (bad)
		reply.status = 400;
	else if (!session && token && !route->post && serve__equal(token, server->token)) {
		/* The first visit: a session in a cookie, and the token out of the address bar. */
		session = session_new(server);
		reply.status = session ? 303 : 500;
		if (session) {
			snprintf(reply.cookie, sizeof(reply.cookie), COOKIE_NAME "=%s; HttpOnly; SameSite=Strict; Path=/",
			         session->id);
			snprintf(reply.location, sizeof(reply.location), "%s", route->path);
		}
	} else if (!session)
		reply.status = 403;
	else if (route->post) {
		const char *type = mhd.MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
		const char *origin = mhd.MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Origin");
		const char *csrf = NULL;
		if (!type || strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0)
			reply.status = 415;
		else if (origin && strcmp(origin, server->origin) != 0)
			reply.status = 403;
		else if (serve__form_parse(&form, r->body.ptr ? r->body.ptr : "", r->body.len) < 0)
			reply.status = 400;
		else if (!(csrf = serve__form_get(&form, "csrf")) || !serve__equal(csrf, session->csrf))
			reply.status = 403;
		else
			reply.status = 0;
	} else
		reply.status = 0;
	if (reply.status == 0) {
		session->used = server->requests;
		session->seen = serve__now();
		struct serve_call call = { server, connection, session, &q, route->post ? &form : NULL, &reply };
		reply.status = 500;
		route->run(&call);
		intl__speak(NULL); /* libmicrohttpd's thread goes back to the locale's messages */
	}
	result = send_reply(connection, &reply);
	grille_buf_release(&reply.body);
	serve__form_release(&q);
	serve__form_release(&form);
	return result;
}

int grille_server_start(grille_server **out, const char *root, const char *listen, unsigned port)
{
	*out = NULL;
	int loaded = mhd__load();
	if (loaded)
		return loaded;
	if (!listen)
		listen = "127.0.0.1";
	union {
		struct sockaddr sa;
		struct sockaddr_in in4;
		struct sockaddr_in6 in6;
		struct sockaddr_storage any;
	} addr;
	memset(&addr, 0, sizeof(addr));
	int v6 = 0;
	if (inet_pton(AF_INET, listen, &addr.in4.sin_addr) == 1) {
		addr.in4.sin_family = AF_INET;
		addr.in4.sin_port = htons((uint16_t)port);
		if (addr.in4.sin_addr.s_addr == htonl(INADDR_ANY))
			return error__set(GRILLE_EARGUMENT, _("« %s » écouterait sur toutes les adresses : donnez celle de la "
			                                      "machine sur le réseau local, par exemple 192.168.1.10"), listen);
	} else if (inet_pton(AF_INET6, listen, &addr.in6.sin6_addr) == 1) {
		v6 = 1;
		addr.in6.sin6_family = AF_INET6;
		addr.in6.sin6_port = htons((uint16_t)port);
		if (IN6_IS_ADDR_UNSPECIFIED(&addr.in6.sin6_addr))
			return error__set(GRILLE_EARGUMENT, _("« %s » écouterait sur toutes les adresses : donnez celle de la "
			                                      "machine sur le réseau local, par exemple 192.168.1.10"), listen);
	} else
		return error__set(GRILLE_EARGUMENT, _("« %s » n'est pas une adresse IP (par exemple 127.0.0.1 ou "
		                                      "192.168.1.10)"), listen);
	if (port > 65535)
		return error__set(GRILLE_EARGUMENT, _("le port %u n'existe pas : de 1 à 65535, ou 0 pour un port libre"), port);
	grille_server *s = calloc(1, sizeof(*s));
	if (!s || !(s->root = strdup(root))) {
		free(s);
		return error__oom();
	}
	int error = serve__random_hex(s->token, SERVE_TOKEN_BYTES);
	if (error) {
		grille_server_stop(s);
		return error;
	}
	s->daemon = mhd.MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | (v6 ? MHD_USE_IPv6 : 0),
		(uint16_t)port, NULL, NULL, answer_request, s,
		MHD_OPTION_SOCK_ADDR, &addr.sa,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEADERS_MEMORY,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_URI_LOG_CALLBACK, log_uri, s,
		MHD_OPTION_NOTIFY_COMPLETED, completed, s,
		MHD_OPTION_END);
	const union MHD_DaemonInfo *info = s->daemon ? mhd.MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_LISTEN_FD) : NULL;
	socklen_t len = sizeof(addr);
	if (!info || getsockname(info->listen_fd, &addr.sa, &len) != 0) {
		error = error__set(GRILLE_EIO, _("impossible d'écouter sur %s, port %u : le port est peut-être déjà pris ; "
		                                 "essayez un autre port, ou sans --port"), listen, port);
		grille_server_stop(s);
		return error;
	}
	unsigned bound = ntohs(v6 ? addr.in6.sin6_port : addr.in4.sin_port);
	snprintf(s->host, sizeof(s->host), v6 ? "[%s]:%u" : "%s:%u", listen, bound);
	snprintf(s->origin, sizeof(s->origin), "http://%s", s->host);
	snprintf(s->url, sizeof(s->url), "http://%s/?token=%s", s->host, s->token);
	*out = s;
	return 0;
}

const char *grille_server_url(const grille_server *server)
{
	return server->url;
}

void grille_server_stop(grille_server *server)
{
	if (!server)
		return;
	if (server->daemon)
		mhd.MHD_stop_daemon(server->daemon);
	for (size_t i = 0; i < SERVE_SESSIONS_MAX; i++)
		free(server->sessions[i].member);
	free(server->root);
	free(server);
}
