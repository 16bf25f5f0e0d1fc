#!/usr/bin/env bash
# Run zhen-align as a mapper under PySpark in local mode and check the result against the
# single-machine corpus (see scripts/spark_mapper.py for what is compared).
#
# Builds the release binary, then makes sure pyspark can be imported: when it cannot, a
# virtual environment is made in target/spark-venv and pyspark installed there from PyPI (once;
# later runs reuse it). Spark needs Java 17 on PATH (or JAVA_HOME). Not part of CI: starting a
# JVM and installing pyspark take a minute; run it by hand after changing the stream command.
#
# Usage: scripts/spark_mapper.sh [--input DIR] [--master local[2]] [--partitions 3] [--output FILE]
# Exit status: 0 when the Spark rows equal the corpus rows, non-zero otherwise.

set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

if ! command -v java >/dev/null && [[ -z "${JAVA_HOME:-}" ]]; then
    echo "spark_mapper: Java not found (Spark needs Java 17 on PATH or JAVA_HOME)" >&2
    exit 2
fi

cargo build --release --quiet

# Local mode needs no network: keep the driver on the loopback address.
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

python="${PYTHON:-python3}"
if ! "$python" -c "import pyspark" 2>/dev/null; then
    venv="$repo/target/spark-venv"
    if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import pyspark" 2>/dev/null; then
        echo "spark_mapper: installing pyspark into $venv" >&2
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet pyspark
    fi
    python="$venv/bin/python"
fi

exec "$python" scripts/spark_mapper.py --binary "$repo/target/release/zhen-align" "$@"
