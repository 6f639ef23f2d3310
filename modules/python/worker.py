# Spindle's persistent Python worker: runs Ansible modules in-process, one after another, as Mitogen does.
# Started by modules/python/ansible-module.ts in a host's context; speaks newline-delimited JSON on its stdin and
# stdout (duplicated away first, so modules and their children never touch the protocol pipes).
import atexit
import builtins
import hashlib
import importlib.abc
import importlib.util
import io
import json
import marshal
import os
import sys
import traceback

PROTO_IN = os.fdopen(os.dup(0), "rb")
PROTO_OUT = os.fdopen(os.dup(1), "wb")
_null = os.open(os.devnull, os.O_RDWR)
os.dup2(_null, 0)
os.dup2(2, 1)

SOURCES = {}  # python module name -> (source, is_package)
MAINS = {}  # payload hash -> (module name, compiled code)


CACHE = os.path.join(os.path.expanduser("~"), ".cache", "spindle", "python")
TAG = sys.implementation.cache_tag or "python"


def compiled(source, filename):
    """Compiles a payload file, reusing the bytecode cached on the host under the hash of its content."""
    digest = hashlib.sha1(source.encode("utf-8", "surrogateescape") + filename.encode("utf-8")).hexdigest()
    path = os.path.join(CACHE, "%s.%s" % (digest, TAG))
    try:
        with open(path, "rb") as f:
            return marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    code = compile(source, filename, "exec", dont_inherit=True)
    try:
        os.makedirs(CACHE, mode=0o700, exist_ok=True)
        temp = "%s.%d.tmp" % (path, os.getpid())
        with open(temp, "wb") as f:
            f.write(marshal.dumps(code))
        os.rename(temp, path)
    except OSError:
        pass
    return code


class PayloadImporter(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the module_utils shipped with payloads, ahead of anything installed on the host."""

    def find_spec(self, fullname, path, target=None):
        entry = SOURCES.get(fullname)
        if entry is None:
            return None
        return importlib.util.spec_from_loader(fullname, self, is_package=entry[1])

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        source, is_package = SOURCES[module.__name__]
        base = "<spindle>/" + module.__name__.replace(".", "/")
        module.__file__ = base + "/__init__.py" if is_package else base + ".py"
        exec(compiled(source, module.__file__), module.__dict__)


sys.meta_path.insert(0, PayloadImporter())


def module_file(name):
    return "<spindle>/" + name.replace(".", "/") + ".py"


def load(request):
    for name, (source, is_package) in request["modules"].items():
        old = SOURCES.get(name)
        if old is not None and old[0] != source:
            sys.modules.pop(name, None)
        SOURCES[name] = (source, is_package)
    name = request["name"]
    MAINS[request["hash"]] = (name, compiled(request["main"], module_file(name)))
    return {"ok": True}


def current_dir():
    """The working directory, moving to home (or /) when it is gone or unreadable, as AnsibleModule would."""
    try:
        return os.getcwd()
    except OSError:
        for candidate in (os.path.expanduser("~"), "/"):
            try:
                os.chdir(candidate)
                return candidate
            except OSError:
                pass
    return "/"


def reset_module_state():
    """Forgets what one module left in shared module_utils globals (a fresh process in Ansible)."""
    warnings = sys.modules.get("ansible.module_utils.common.warnings")
    if warnings is not None:
        del warnings._global_warnings[:]
        del warnings._global_deprecations[:]


def run(request):
    name, code = MAINS[request["hash"]]
    args = request["args"]
    try:
        basic = importlib.import_module("ansible.module_utils.basic")
        basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode("utf-8")
    except ImportError:
        basic = None
    saved_env = dict(os.environ)
    saved_cwd = current_dir()
    saved = (sys.argv, sys.stdin, sys.stdout, sys.stderr)
    os.environ.update(request.get("environment") or {})
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding="utf-8", write_through=True)
    err_buffer = io.BytesIO()
    err = io.TextIOWrapper(err_buffer, encoding="utf-8", write_through=True)
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode("utf-8")))
    filename = module_file(name)
    sys.argv, sys.stdin, sys.stdout, sys.stderr = [filename], stdin, out, err
    rc = 0
    error = None
    try:
        exec(code, {"__name__": "__main__", "__file__": filename, "__builtins__": builtins})
    except SystemExit as e:
        rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:
        rc = 1
        error = traceback.format_exc()
    finally:
        sys.argv, sys.stdin, sys.stdout, sys.stderr = saved
        try:
            atexit._run_exitfuncs()
            atexit._clear()
        except Exception:
            pass
        os.environ.clear()
        os.environ.update(saved_env)
        try:
            os.chdir(saved_cwd)
        except OSError:
            pass
        if basic is not None:
            basic._ANSIBLE_ARGS = None
        reset_module_state()
    return {
        "rc": rc,
        "stdout": buffer.getvalue().decode("utf-8", "replace"),
        "stderr": err_buffer.getvalue().decode("utf-8", "replace"),
        "exception": error,
    }


def main():
    for line in PROTO_IN:
        request = json.loads(line)
        try:
            reply = load(request) if request["op"] == "load" else run(request)
        except BaseException:
            reply = {"rc": 1, "stdout": "", "exception": traceback.format_exc()}
        reply["id"] = request["id"]
        PROTO_OUT.write(json.dumps(reply).encode("utf-8") + b"\n")
        PROTO_OUT.flush()


main()
