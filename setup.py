"""Builds the compiled module oms._oms with CMake for `pip install` (metadata: pyproject.toml).

The CMake build tree is build/python-wheel, or the tree named by OMS_PYTHON_BUILD_DIR when it
is already configured with -DOMS_BUILD_PYTHON=ON (scripts/test installs from its own build, so
the module is compiled once). The version is the CMake project's.
"""
import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


def project_version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"project\(oms VERSION ([0-9.]+)", f.read()).group(1)


def configured_for_python(build_dir):
    cache = os.path.join(build_dir, "CMakeCache.txt")
    if not os.path.exists(cache):
        return False
    with open(cache, encoding="utf-8") as f:
        return "OMS_BUILD_PYTHON:BOOL=ON" in f.read()


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = os.environ.get("OMS_PYTHON_BUILD_DIR") or os.path.join(ROOT, "build", "python-wheel")
        if not configured_for_python(build_dir):
            subprocess.check_call([
                "cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                "-DOMS_BUILD_PYTHON=ON", "-DOMS_BUILD_TESTS=OFF", "-DOMS_BUILD_EXAMPLES=OFF",
                "-DOMS_BUILD_BENCHMARKS=OFF", "-DOMS_INSTALL=OFF", f"-DPYTHON_EXECUTABLE={sys.executable}",
            ])
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "_oms", "oms_python_stubs",
                               "--parallel", str(os.cpu_count() or 2)])
        built = os.path.join(build_dir, "python", "oms")
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        module = next(f for f in os.listdir(built) if f.startswith("_oms.") and f.endswith(".so"))
        shutil.copyfile(os.path.join(built, module), target)
        if shutil.which("strip"):  # the build tree's copy keeps its debug information
            subprocess.check_call(["strip", "--strip-debug", target])
        shutil.copyfile(os.path.join(built, "_oms.pyi"), os.path.join(os.path.dirname(target), "_oms.pyi"))


setup(
    version=project_version(),
    ext_modules=[Extension("oms._oms", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": os.path.join("build", "python-setuptools")},
             "egg_info": {"egg_base": os.path.join("build", "python-setuptools")}},
)
