# In place of PyInstaller's hook, which names every submodule (and so warns about each one the
# bundle leaves out): every submodule but those bundle_options excludes.
# ruff: noqa
import bundle_options as opts
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("pydantic", filter=lambda name: not opts.left_out(name))
