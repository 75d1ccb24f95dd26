#!/usr/bin/env bash
# Lays out the files every Nx project here has: project.json (tags + targets), tsconfig.json, jest.config.cjs.
# usage: tools/scripts/new-project.sh <root> <name> <tags comma-separated> [library|application]
set -euo pipefail
root=$1; name=$2; tags=$3; kind=${4:-library}
depth=$(echo "$root" | awk -F/ '{print NF}'); up=$(printf '../%.0s' $(seq 1 "$depth"))
mkdir -p "$root/src"
tagjson=$(echo "$tags" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?", ":""), $i}}')
cat > "$root/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$root/src",
  "projectType": "$kind",
  "tags": [$tagjson],
  "targets": { "lint": {}, "typecheck": {}, "test": {} }
}
JSON
cat > "$root/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "include": ["src/**/*.ts"]
}
JSON
cat > "$root/jest.config.cjs" <<JS
module.exports = { ...require('${up}jest.preset.cjs'), displayName: '$name', rootDir: __dirname };
JS
