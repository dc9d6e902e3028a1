# The bad-journal corpus (tests/data/bad/, made by make-corpus.sh): for each
# line of its MANIFEST, the test build of tend runs the command on a private
# copy of the file and must exit with the status given, print the message on
# the stream given, print nothing on stdout when it refuses, and (unchanged
# = yes) leave the copy byte for byte as it was. Every file in the corpus
# must appear in the MANIFEST, so none goes unchecked.
source "$(dirname "$0")/../lib.sh"
tmp=$(mktmp)
export HOME=$tmp/home XDG_DATA_HOME= TEND_JOURNAL=
corpus=$REPO_DIR/tests/data/bad
manifest=$corpus/MANIFEST

n=0
while IFS=$'\t' read -r file pass cmd want stream same msg; do
    n=$((n + 1))
    name="bad corpus: $file $cmd"
    if [ ! -f "$corpus/$file" ]; then
        fail "$name: the file is missing (run tests/data/bad/make-corpus.sh)"
        continue
    fi
    rm -rf "$tmp/j"; mkdir -m 700 "$tmp/j"
    cp "$corpus/$file" "$tmp/j/journal.db"; chmod 600 "$tmp/j/journal.db"
    "$TEND_BIN" --journal "$tmp/j/journal.db" --passphrase-fd 3 "$cmd" \
        3<<<"$pass" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    why=("exit $rc (want $want)" "stdout: $(head -c 300 "$tmp/out")" "stderr: $(head -c 300 "$tmp/err")")
    ok=true
    [ "$rc" = "$want" ] || ok=false
    grep -qF -- "$msg" "$tmp/$stream" || { ok=false; why+=("no '$msg' on std$stream"); }
    if [ "$rc" -ne 0 ] && [ "$cmd" = list ] && [ "$rc" -ne 4 ] && [ -s "$tmp/out" ]; then
        ok=false; why+=("a refused journal printed something on stdout")
    fi
    if grep -qE 'Sanitizer|runtime error' "$tmp/err"; then
        ok=false; why+=("sanitizer report")
    fi
    if [ "$same" = yes ] && ! cmp -s "$corpus/$file" "$tmp/j/journal.db"; then
        ok=false; why+=("the file changed")
    fi
    left=$(cd "$tmp/j" && ls -A | grep -vx journal.db)
    [ -z "$left" ] || { ok=false; why+=("files left beside the journal: $left"); }
    if $ok; then pass "$name: exit $want, '$msg'"; else fail "$name" "${why[@]}"; fi
done < <(grep -vE '^(#|$)' "$manifest" | tr -s '\t')

check "bad corpus: the manifest has lines" [ "$n" -gt 20 ]
missing=""
for f in "$corpus"/*.db "$corpus"/*.bin; do
    b=$(basename "$f")
    grep -qE "^$b	" "$manifest" || missing="$missing $b"
done
expect_eq "bad corpus: every file is in the manifest" "$missing" ""

# The WAL journal: after tend has opened it, the file is a rollback-journal
# database again (header bytes 18 and 19 are 1) and no -wal/-shm is left.
rm -rf "$tmp/j"; mkdir -m 700 "$tmp/j"
cp "$corpus/wal-mode.db" "$tmp/j/journal.db"
"$TEND_BIN" --journal "$tmp/j/journal.db" --passphrase-fd 3 verify 3<<<corpus-pass >/dev/null 2>&1
expect_eq "bad corpus: a WAL journal is put back to a rollback journal" \
    "$(od -An -tu1 -j18 -N2 "$tmp/j/journal.db" | tr -s ' ')" " 1 1"
expect_eq "bad corpus: no WAL files are left" "$(ls -A "$tmp/j")" "journal.db"
