#!/bin/sh
# make valgrind: runs the linter ($VG_LINT_BIN) under valgrind ($VALGRIND), except a run that
# writes (--fix, --unsafe-fixes without --diff): valgrind 3.19 has no openat2(), and
# without it --fix refuses to write. Those runs use the binary as it is.
bin=${VG_LINT_BIN:?set VG_LINT_BIN to the binary}
writes=0
for a in "$@"; do
	case $a in
	--fix|--unsafe-fixes) writes=1 ;;
	--diff) writes=0; break ;;
	esac
done
if [ $writes = 1 ] || [ -z "${VALGRIND:-}" ]; then
	exec "$bin" "$@"
fi
# shellcheck disable=SC2086
exec $VALGRIND "$bin" "$@"
