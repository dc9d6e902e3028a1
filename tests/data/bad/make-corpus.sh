#!/usr/bin/env bash
# make-corpus.sh — (re)generates the bad-journal corpus in this folder: one
# small journal per way a journal file can be wrong, each listed in MANIFEST
# with the passphrase to try, the command, the exit status and a piece of the
# message tend must give (tests/cli/test_bad_corpus.sh checks every line).
#
#   tests/data/bad/make-corpus.sh [TEND_BIN]
#
# TEND_BIN is the TEST build of tend (default build/test/tend): the journals
# are made with --kdf min (Argon2id ops 1, 8 KiB) so the corpus test is fast,
# and only a test build accepts those parameters. A release build refuses
# every journal here as "KDF parameters out of bounds" before it reads
# anything else, so the corpus is opened by the test build, by design.
#
# Damage is done with the sqlite3 CLI (DEB_CHECK) and coreutils on a sound
# journal made fresh each time. Salts, nonces and uuids are random, so the
# bytes differ from one run to the next; each failure class does not. The
# generated files are committed; rerun this after a format change and review
# MANIFEST.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tend=$(cd "$(dirname "${1:-build/test/tend}")" && pwd)/$(basename "${1:-build/test/tend}")
[ -x "$tend" ] || { echo "make-corpus.sh: no test build of tend at $tend" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "make-corpus.sh: needs the sqlite3 CLI" >&2; exit 1; }

PASS=corpus-pass
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tend-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C.UTF-8 HOME=$tmp/home XDG_DATA_HOME= TEND_JOURNAL=

# A sound journal: three entries with text, one with a tag.
J=$tmp/sound.db
t() { "$tend" --journal "$J" --passphrase-fd 3 "$@" 3<<<"$PASS"; }
t init --kdf min >/dev/null
for n in 1 2 3; do
    printf 'text %s\n' "$n" | TEND_TEST_NOW=$((1714550400 + n * 60)) t add --title "entry $n" --tag corpus >/dev/null
done
sqlite3 "$J" 'VACUUM'

rm -f "$here"/*.db "$here"/*.bin
# fresh NAME: a copy of the sound journal in the corpus
fresh() { cp "$J" "$here/$1"; chmod 600 "$here/$1"; }
# sql NAME SQL: run SQL on the corpus file NAME
sql() { sqlite3 "$here/$1" "$2"; }
# flip NAME TABLE COLUMN WHERE OFFSET: xor one byte of a blob with 0x01
flip() {
    local b
    b=$(sqlite3 "$here/$1" "SELECT hex(substr($3, $(($5 + 1)), 1)) FROM $2 WHERE $4")
    b=$(printf '%02X' $((0x$b ^ 1)))
    sqlite3 "$here/$1" "UPDATE $2 SET $3 = CAST(substr($3, 1, $5) || X'$b' || substr($3, $(($5 + 2))) AS BLOB) WHERE $4"
}

fresh sound.db
fresh wrong-passphrase.db
fresh truncated.db
truncate -s $(( $(stat -c %s "$J") / 2 )) "$here/truncated.db"
fresh flipped-wrapped-key.db
flip flipped-wrapped-key.db meta value "key = 'key.wrapped'" 30
fresh flipped-head.db
flip flipped-head.db records head "id = 2" 100
fresh flipped-body.db
flip flipped-body.db records body "id = 3" 60
fresh swapped-heads.db
sql swapped-heads.db "UPDATE records SET head = CASE id WHEN 1 THEN (SELECT head FROM records WHERE id = 2) ELSE (SELECT head FROM records WHERE id = 1) END WHERE id IN (1, 2)"
fresh swapped-head-body.db
sql swapped-head-body.db "UPDATE records SET head = body, body = head WHERE id = 1"
fresh kdf-mem-4gib.db
sql kdf-mem-4gib.db "UPDATE meta SET value = X'0000000100000000' WHERE key = 'kdf.mem'"
fresh kdf-ops-100.db
sql kdf-ops-100.db "UPDATE meta SET value = X'0000000000000064' WHERE key = 'kdf.ops'"
fresh kdf-alg-unknown.db
sql kdf-alg-unknown.db "UPDATE meta SET value = X'00000007' WHERE key = 'kdf.alg'"
fresh missing-wrapped-key.db
sql missing-wrapped-key.db "DELETE FROM meta WHERE key = 'key.wrapped'"
fresh missing-salt.db
sql missing-salt.db "DELETE FROM meta WHERE key = 'kdf.salt'"
fresh no-meta.db
sql no-meta.db "DELETE FROM meta"
fresh short-salt.db
sql short-salt.db "UPDATE meta SET value = X'00112233' WHERE key = 'kdf.salt'"
fresh trigger.db
sql trigger.db "CREATE TRIGGER leak AFTER INSERT ON records BEGIN INSERT INTO meta VALUES ('x', NEW.head); END"
fresh extra-table.db
sql extra-table.db "CREATE TABLE plain(text TEXT)"
fresh fts-table.db
sql fts-table.db "CREATE VIRTUAL TABLE idx USING fts5(text)" 2>/dev/null ||
    sql fts-table.db "CREATE VIEW idx AS SELECT id FROM records"
fresh future-format.db
sql future-format.db "UPDATE meta SET value = X'00000002' WHERE key = 'format'"
fresh future-schema.db
sql future-schema.db "PRAGMA user_version = 2"
fresh wal-mode.db
sql wal-mode.db "PRAGMA journal_mode = WAL" >/dev/null
head -c 8192 /dev/urandom > "$here/not-a-database.bin"
printf 'dear diary\n' > "$here/text-file.bin"
: > "$here/empty.bin"
sqlite3 "$here/other-database.bin" "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES ('hi')"
chmod 600 "$here"/*.db "$here"/*.bin
echo "make-corpus.sh: $(ls "$here"/*.db "$here"/*.bin | wc -l) files in $here"
