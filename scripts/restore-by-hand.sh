#!/usr/bin/env bash
# restore-by-hand.sh - restore a promdr backup without promdr, for when promdr itself cannot run.
# It is the procedure of docs/repository-format.md ("Restoring by hand") as a script: it needs
# only bash, coreutils, zstd, tar and jq, plus the AWS CLI for an s3:// repository.
#
#   restore-by-hand.sh REPOSITORY BACKUP_ID|latest TARGET_DIR [SOURCE]
#
#   REPOSITORY  a directory, file:///dir, or s3://bucket/prefix (read with `aws s3 cp`; the usual
#               AWS_* variables apply, and AWS_ENDPOINT_URL selects an S3-compatible store)
#   BACKUP_ID   a full backup id (`promdr list`, or the names under backups/SOURCE/), or `latest`:
#               the newest backup of SOURCE
#   TARGET_DIR  created when missing; must be empty. Prometheus can then start on it
#               (--storage.tsdb.path=TARGET_DIR)
#   SOURCE      the source name in the repository (default: default)
#
# Each block object is checked against the manifest's SHA-256 before it is extracted, and every
# extracted file against the manifest's list of files and their SHA-256. Blocks are extracted
# into a hidden staging directory inside TARGET_DIR and moved into place only when all of them
# verified. On any failure: one line on stderr, exit status 1, and TARGET_DIR is left empty.
set -euo pipefail
export LC_ALL=C  # byte order for sort and comm, as in the manifest

die() { printf 'restore-by-hand: error: %s\n' "$*" >&2; exit 1; }
[ $# -ge 3 ] && [ $# -le 4 ] || die "usage: $0 REPOSITORY BACKUP_ID|latest TARGET_DIR [SOURCE]"
REPO=${1%/} BACKUP=$2 TARGET=$3 SOURCE=${4:-default}
DIR=${REPO#file:} DIR=${DIR#//}  # file:///srv/backups and /srv/backups both give /srv/backups
for tool in sha256sum zstd tar jq; do command -v "$tool" >/dev/null || die "$tool is not installed"; done
case $REPO in s3://*) command -v aws >/dev/null || die "the AWS CLI (aws) is needed for $REPO" ;; esac

# AWS_ENDPOINT_URL is passed on explicitly: AWS CLIs older than 2.13 / 1.29 do not read it.
aws_s3() { aws ${AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} s3 "$@" </dev/null; }

# One object of the repository, by key, into a local file.
fetch() {
  case $REPO in
    s3://*) aws_s3 cp --only-show-errors "$REPO/$1" "$2" 2>"$work/error" ;;
    *) cp -- "$DIR/$1" "$2" 2>"$work/error" ;;
  esac || die "cannot read $1 from $REPO: $(tail -n 1 "$work/error")"
}

# The backup ids of SOURCE, oldest first (ids sort by start time as plain strings).
backup_ids() {
  case $REPO in
    s3://*) aws_s3 ls "$REPO/backups/$SOURCE/" | while read -r _ _ _ name; do echo "$name"; done ;;
    *) ls -1 "$DIR/backups/$SOURCE/" ;;
  esac 2>/dev/null | while read -r name; do
    if [[ $name =~ ^([0-9]{8}T[0-9]{6}Z-[0-9a-f]{8})\.json$ ]]; then echo "${BASH_REMATCH[1]}"; fi
  done | sort
}

# --- the target: empty, with a staging directory inside it (same filesystem: moves are renames)
[ ! -e "$TARGET" ] || [ -d "$TARGET" ] || die "target $TARGET is not a directory"
mkdir -p "$TARGET"
[ -z "$(ls -A "$TARGET")" ] || die "target $TARGET is not empty; give an empty or new directory"
work=$(mktemp -d "$TARGET/.restore-by-hand-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/blocks"

# --- repository.json and the manifest
fetch repository.json "$work/repository.json"
jq -e '.format == "promdr" and .version <= 1' "$work/repository.json" >/dev/null 2>&1 \
  || die "$REPO is not a promdr repository of format version 1 (see its repository.json)"
if [ "$BACKUP" = latest ]; then
  BACKUP=$(backup_ids | tail -n 1) || true  # a missing backups/SOURCE/ leaves it empty
  [ -n "$BACKUP" ] || die "no backups of source $SOURCE found in $REPO"
fi
fetch "backups/$SOURCE/$BACKUP.json" "$work/manifest.json"
jq -e --arg id "$BACKUP" '(.formatVersion == 1 or .formatVersion == 2) and .backupId == $id' "$work/manifest.json" >/dev/null 2>&1 \
  || die "manifest backups/$SOURCE/$BACKUP.json is damaged or not a version-1 or -2 manifest of backup $BACKUP"
# The blocks to write: each block stored as its own object, and in place of a composed block
# (format version 2) the stored blocks it is composed of, each object once.
stored='[.blocks[] | if ((.composedOf // []) | length) > 0 then .composedOf[] else . end] | unique_by(.object.key) | .[]'

# --- each block: fetch, check the object's SHA-256, extract into staging, delete the object
count=$(jq "[$stored] | length" "$work/manifest.json")
n=0
while IFS=$'\t' read -r ulid key sha256; do
  n=$((n + 1))
  [[ $ulid =~ ^[0-9A-Z]{26}$ && $key == "blocks/$ulid/"*.tar.zst ]] || die "manifest holds a bad block: $ulid $key"
  fetch "$key" "$work/block.tar.zst"
  actual=$(sha256sum <"$work/block.tar.zst" | cut -d ' ' -f 1)
  [ "$actual" = "$sha256" ] || die "object $key has SHA-256 $actual, the manifest says $sha256"
  { zstd -dcq "$work/block.tar.zst" | tar -x -C "$work/blocks"; } 2>"$work/error" \
    || die "cannot extract $key: $(tail -n 1 "$work/error")"
  rm "$work/block.tar.zst"
  echo "block $n/$count $ulid: object verified and extracted"
done < <(jq -r "$stored"' | [.ulid, .object.key, .object.sha256] | @tsv' "$work/manifest.json")

# --- every file: exactly the manifest's files, with their SHA-256, and nothing else
expected=$(jq -r "$stored"' | .ulid as $u | .files[] | "\(.sha256)  \($u)/\(.path)"' "$work/manifest.json" | sort)
actual=$(cd "$work/blocks" && shopt -s globstar dotglob nullglob && for f in **; do
  if [ -L "$f" ] || { [ ! -f "$f" ] && [ ! -d "$f" ]; }; then echo "not a regular file or directory: $f"
  elif [ -f "$f" ]; then sha256sum "$f"; fi
done | sort)
if [ "$expected" != "$actual" ]; then
  first=$(comm -3 <(echo "$expected") <(echo "$actual") | head -n 1)
  die "extracted files differ from the manifest (size, SHA-256, missing or extra), first at: ${first#*  }"
fi

# --- activate: move each verified block directory into the target
for ulid in $(jq -r "$stored"' | .ulid' "$work/manifest.json"); do mv "$work/blocks/$ulid" "$TARGET/"; done
sync
echo "restored backup $BACKUP of source $SOURCE from $REPO into $TARGET: $count blocks, every file verified"
