#!/usr/bin/env bash
# cx.drivers against independent computations in Python: statsmodels OLS
# (coefficients, standard errors, t, p, R squared), numpy correlations,
# scipy's t distribution (p-values) and a brute-force Shapley decomposition
# (importance), on random data, NULLs, large offsets, collinear, duplicated
# and constant drivers.  Needs Debian's python3-statsmodels.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# Debian's python3, where apt-get installs statsmodels (a pyenv python
# earlier on PATH would not see it)
py=/usr/bin/python3
[ -x "$py" ] || py=python3
psql=("$CX_PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$CX_HOST" -p "$CX_PORT" -U postgres)
"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS cx_drivers_py" -c "CREATE DATABASE cx_drivers_py"
"${psql[@]}" -d cx_drivers_py -c "CREATE EXTENSION cxvalue"
status=0
PSQL="${psql[*]} -d cx_drivers_py" "$py" "$root/test/scripts/drivers_check.py" || status=$?
"${psql[@]}" -d postgres -c "DROP DATABASE cx_drivers_py"
exit $status
