/* The names the trace language and the output use for error codes and region
 * kinds (SPEC sections 5 and 6). */
#include "core.h"

static const char *const err_names[MT_ERR_COUNT] = {
	[MT_OK] = "ok",
	[MT_ESYNTAX] = "syntax",
	[MT_ENOTFOUND] = "not-found",
	[MT_EEXIST] = "exists",
	[MT_EINVAL] = "invalid",
	[MT_EBUSY] = "busy",
	[MT_ELOOP] = "loop",
	[MT_EOVERLAP] = "overlap",
	[MT_ECONFLICT] = "conflict",
	[MT_ENOSPACE] = "no-space",
};

const char *mt_err_name(int err)
{
	if (err < 0 || err >= MT_ERR_COUNT)
		return "invalid";
	return err_names[err];
}

const char *mt_kind_name(mt_kind kind)
{
	switch (kind) {
	case MT_CONTAINER: return "container";
	case MT_RAM: return "ram";
	case MT_ROM: return "rom";
	case MT_MMIO: return "mmio";
	case MT_ALIAS: return "alias";
	}
	return "?";
}
