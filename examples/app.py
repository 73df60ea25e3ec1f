"""A stand-in for a real program: it reports which settings it received without printing them."""

import os

KEYS = ["DEMO_API_KEY", "DEMO_DB_PASSWORD", "DATABASE_URL", "DEMO_HOME"]


def describe(value):
    if value is None:
        return "missing"
    return f"set ({len(value)} characters)"


def main():
    print("app.py received:")
    for key in KEYS:
        print(f"  {key:<17} {describe(os.environ.get(key))}")


if __name__ == "__main__":
    main()
