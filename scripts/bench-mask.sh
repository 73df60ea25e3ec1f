#!/usr/bin/env bash
# Measures masking throughput: 1 GiB of output piped through `keyrun --mask -- cat FILE` against
# plain `cat FILE`, both into a pipe read by `cat >/dev/null`, with 20 secrets loaded. Two inputs:
# text that contains no secret, and the same text with a secret every 4 KiB. Also reports keyrun's
# peak resident memory while it supervises.
#
# Usage: scripts/bench-mask.sh [--runs N] [--keyrun PATH]
set -euo pipefail

runs=5
keyrun=${KEYRUN:-$HOME/.local/bin/keyrun}
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --keyrun) keyrun=$2; shift 2 ;;
    *) echo "bench-mask.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
command -v hyperfine >/dev/null || { echo "bench-mask.sh: install hyperfine" >&2; exit 2; }
[ -x "$keyrun" ] || { echo "bench-mask.sh: no keyrun at $keyrun (run scripts/install.sh)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-bench-mask.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

# 20 secrets of 20 to 40 characters, in a private env file.
python3 - <<'EOF'
import random, string
random.seed(7)
alphabet = string.ascii_letters + string.digits
secrets = ["".join(random.choice(alphabet) for _ in range(random.randint(20, 40))) for _ in range(20)]
with open(".env", "w") as env:
    for i, secret in enumerate(secrets):
        env.write("SECRET_%02d=%s\n" % (i, secret))
with open("secret", "w") as first:
    first.write(secrets[0])
EOF
chmod 600 .env

# 1 GiB of base64 text (lines of 76 characters), which contains none of the secrets, and a copy
# with the first secret written over the text every 4 KiB.
head -c $((768 * 1024 * 1024)) /dev/urandom | base64 > plain.txt
python3 - <<'EOF'
secret = open("secret").read().encode()
with open("plain.txt", "rb") as source, open("secrets.txt", "wb") as target:
    while True:
        block = source.read(4096)
        if not block:
            break
        if len(block) > len(secret) + 100:
            block = block[:100] + secret + block[100 + len(secret):]
        target.write(block)
EOF
size=$(stat -c %s plain.txt)
cat plain.txt secrets.txt >/dev/null

echo "bench-mask.sh: $size bytes per input, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$runs" --warmup 1 --export-markdown results.md \
  -n "cat, no secret" "cat plain.txt | cat >/dev/null" \
  -n "keyrun --mask, no secret" "$keyrun --mask -- cat plain.txt | cat >/dev/null" \
  -n "cat, secret every 4 KiB" "cat secrets.txt | cat >/dev/null" \
  -n "keyrun --mask, secret every 4 KiB" "$keyrun --mask -- cat secrets.txt | cat >/dev/null"
cat results.md

for input in plain.txt secrets.txt; do
  /usr/bin/time -f "%M" -o rss.txt "$keyrun" --mask -- cat "$input" | cat >/dev/null
  echo "keyrun peak RSS, $input: $(cat rss.txt) KiB"
done
masked=$("$keyrun" --mask -- cat secrets.txt | grep -c 'concealed by keyrun' || true)
echo "lines with a marker in the masked output: $masked"
