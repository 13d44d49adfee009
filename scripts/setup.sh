# Shared by scripts/demo and scripts/test (sourced, not run): installs the Debian packages that
# are missing, then configures and builds into build/ (or $OMS_BUILD_DIR). Safe to re-run.
set -euo pipefail

OMS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OMS_BUILD_DIR="${OMS_BUILD_DIR:-$OMS_ROOT/build}"

# Debian 12 packages the build and the tests need (see README "Dependencies").
OMS_PACKAGES=(
  build-essential cmake ninja-build pkg-config python3
  libboost-dev nlohmann-json3-dev libsqlitecpp-dev libsqlite3-dev
  libgtest-dev libgmock-dev libbenchmark-dev libxlsxwriter-dev zlib1g-dev libcli11-dev
  pybind11-dev python3-pybind11 python3-dev python3-venv python3-pip python3-setuptools python3-wheel
  python3-pytest python3-mypy python3-pandas python3-openpyxl cppcheck clang-tidy abigail-tools
  clang libclang-rt-14-dev
)

oms_install_packages() {
  local missing=()
  for p in "${OMS_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing missing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

oms_build() {
  local werror="${OMS_WERROR:-ON}"
  cmake -S "$OMS_ROOT" -B "$OMS_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="${OMS_BUILD_TYPE:-RelWithDebInfo}" \
    -DOMS_WERROR="$werror" "$@" >/dev/null
  echo "==> building in $OMS_BUILD_DIR"
  cmake --build "$OMS_BUILD_DIR" --parallel "$(nproc)"
}
