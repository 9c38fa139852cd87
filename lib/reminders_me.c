#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/reminders.h"
#include "errors.h"
#include "repo.h"
#include "session.h"
#include "workspace_private.h"

int grille_workspace_me(const grille_member **out, char **name, char **email, const grille_workspace *ws)
{
	*out = NULL;
	*name = *email = NULL;
	struct session *sess = session__of(ws);
	int error = session__git(sess);
	if (error && error != GRILLE_ENOTFOUND)
		return error;
	git_signature *me = NULL;
	/* Outside git, the user's own configuration: what `git commit` would sign with. */
	if ((error = repo__identity(&me, error ? NULL : sess->repo, NULL)))
		return error;
	const grille_group *group;
	error = grille_workspace_group(&group, ws);
	if (!error && (!(*name = strdup(me->name)) || !(*email = strdup(me->email)))) {
		free(*name);
		*name = NULL;
		error = error__oom();
	}
	if (!error)
		*out = grille_group_member_of(group, me->name, me->email);
	git_signature_free(me);
	return error;
}
