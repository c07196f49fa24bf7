#!/usr/bin/env python3
"""YouTube Live chat into Podium's queue: one JSON line per chat message, for `podium ask -`.

    pip install chat-downloader
    youtube-to-podium.py https://www.youtube.com/watch?v=VIDEO | podium ask - --state /srv/event/podium.json
    youtube-to-podium.py --replay chat.json | podium ask - --state …   # a recorded chat, no network

Each message becomes {"id": message_id, "text": message, "author": author.name, "source": "youtube"}:
the id makes a restarted bridge harmless (Podium adds a message id once). Text messages and Super
Chats (paid messages with text) are taken; other items (memberships, stickers, tickers, …) carry no
question and are named on stderr, never dropped silently.
"""
import json
import sys

# Message types that carry a question's text.
TAKEN = {"text_message", "paid_message"}


def to_line(item):
    """The JSON line for one chat item, or None with the reason it is skipped."""
    kind = item.get("message_type", "text_message")
    text = (item.get("message") or "").strip()
    if kind not in TAKEN:
        return None, f"{kind} (not a chat message)"
    if not text:
        return None, f"{kind} without text"
    line = {"text": text, "author": (item.get("author") or {}).get("name", ""), "source": "youtube"}
    if item.get("message_id"):
        line["id"] = item["message_id"]
    return line, None


def items(arguments):
    if arguments[:1] == ["--replay"] and len(arguments) == 2:
        with open(arguments[1], encoding="utf-8") as recorded:
            text = recorded.read()
        try:
            return json.loads(text)  # chat_downloader --output chat.json writes a list
        except json.JSONDecodeError:
            return [json.loads(line) for line in text.splitlines() if line.strip()]
    if len(arguments) == 1:
        from chat_downloader import ChatDownloader  # only needed live

        return ChatDownloader().get_chat(arguments[0])
    sys.exit(__doc__)


def main():
    for item in items(sys.argv[1:]):
        line, skipped = to_line(item)
        if line is None:
            who = (item.get("author") or {}).get("name", "?")
            print(f"youtube-to-podium: skipped {skipped} from {who}", file=sys.stderr, flush=True)
            continue
        # One line at a time, flushed: podium writes it within a second.
        print(json.dumps(line, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    try:
        main()
    except (KeyboardInterrupt, BrokenPipeError):
        pass
