#!/usr/bin/env python3
"""A real browser (Debian's chromium, headless, driven by selenium) against the real
`podium serve` on 127.0.0.1, with a real host console in tmux on the same state file.

    browser_test.py PODIUM_BINARY WORK_DIR HOSTILE_JSON

Exit status 0 when every check held; the failed checks are printed. Screenshots go to
WORK_DIR/screenshots (kept for a person to look at).
"""
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

PODIUM, WORK, HOSTILE = sys.argv[1], sys.argv[2], sys.argv[3]
STATE = os.path.join(WORK, "podium.json")
EVENT = os.path.join(WORK, "event.yaml")
SHOTS = os.path.join(WORK, "screenshots")
SOCKET = "podium-browser-%d" % os.getpid()
os.makedirs(SHOTS, exist_ok=True)
failures = []
processes = []
drivers = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message, flush=True)
    if not condition:
        failures.append(message)
    return condition


def wait(predicate, timeout=10.0, step=0.1):
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = predicate()
            if value:
                return value
        except Exception:
            pass
        time.sleep(step)
    return None


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET] + list(args), capture_output=True, text=True).stdout


def on_disk():
    with open(STATE, encoding="utf-8") as f:
        return json.load(f)


def question_on_disk(text):
    return next((q for q in on_disk()["questions"] if q["text"] == text), None)


def serve(*extra):
    process = subprocess.Popen(
        [PODIUM, "serve", "--state", STATE, "--listen", "127.0.0.1:0"] + list(extra),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    processes.append(process)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        raise SystemExit("podium serve did not print its URL: %r" % line)
    return "http://127.0.0.1:%s" % match.group(1), process


def browser(size, javascript=True, language="ja"):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + size,
                     "--lang=" + language, "--disable-gpu"]:
        options.add_argument(argument)
    prefs = {"intl.accept_languages": language}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    drivers.append(driver)
    return driver


def shot(driver, name):
    driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


# What a page shows for a text: control characters (but line breaks and tabs) as their
# visible symbols, as the server's escaping and the script both do.
def shown(text):
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 and ch not in "\n\t":
            out.append(chr(0x2400 + code))
        elif code == 0x7F:
            out.append("\u2421")
        else:
            out.append(ch)
    return "".join(out)


def decode_terminal_qr(screen):
    """Draws a captured screen as a light-on-dark terminal shows it (half blocks as light
    halves of a cell) and reads it with zbarimg."""
    from PIL import Image
    lines = screen.split("\n")
    cell_w, cell_h = 6, 12
    width = max(len(l) for l in lines) * cell_w
    image = Image.new("L", (width, len(lines) * cell_h), 0)
    pixels = image.load()
    for row, line in enumerate(lines):
        for column, ch in enumerate(line):
            halves = {"\u2588": (1, 1), "\u2580": (1, 0), "\u2584": (0, 1)}.get(ch, (0, 0))
            for half, light in enumerate(halves):
                if light:
                    for y in range(cell_h // 2):
                        for x in range(cell_w):
                            pixels[column * cell_w + x, row * cell_h + half * cell_h // 2 + y] = 255
    path = os.path.join(SHOTS, "console-qr.png")
    image.save(path)
    result = subprocess.run(["zbarimg", "--raw", "-q", path], capture_output=True, text=True)
    return result.stdout.strip()


def main():
    with open(EVENT, "w", encoding="utf-8") as f:
        f.write("""title: "Kubernetes Meetup Tokyo #19 <script>window.__pwned=1</script>"
sessions:
  - id: keynote
    title: "The origins and future of Kubernetes"
    speaker: "Speaker <b>A</b>"
    minutes: 0.3
    warning_minutes: 0.2
    danger_minutes: 0.1
  - id: qa
    title: "Q&A"
    minutes: 10
""")
    tmux("new-session", "-d", "-s", "host", "-x", "120", "-y", "40",
         "LANG=C.UTF-8 %s host --event %s --state %s" % (PODIUM, EVENT, STATE))
    check(wait(lambda: os.path.exists(STATE), 10), "the host console wrote the state file")
    review, review_process = serve()
    open_url, open_process = serve("--no-review", "--questions-per-minute", "1000")

    # --- A phone, Japanese, with JavaScript ---------------------------------------------
    phone = browser("412,915")
    phone.get(review + "/")
    check(wait(lambda: phone.execute_script("return window.podiumReady === true")), "the audience script ran")
    check(phone.find_element(By.ID, "session").text == "The origins and future of Kubernetes", "the current session's title")
    box = phone.find_element(By.ID, "text")
    question = "Kubernetes はなぜ etcd を使っているか"
    box.send_keys(question)
    check(phone.find_element(By.ID, "counter").text == "%d / 1000" % len(question), "the character counter counts")
    # Enter that confirms an input-method conversion never sends.
    phone.execute_script("""
        var t = document.getElementById('text');
        t.dispatchEvent(new CompositionEvent('compositionstart', {bubbles: true}));
        t.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true}));
    """)
    time.sleep(0.8)
    check(box.get_attribute("value") == question and question_on_disk(question) is None,
          "Enter during composition does not send")
    phone.execute_script("document.getElementById('text').dispatchEvent(new CompositionEvent('compositionend', {bubbles: true}))")
    box.send_keys(Keys.ENTER)
    check(wait(lambda: phone.find_element(By.ID, "notice").is_displayed()), "after sending, a notice shows")
    check("確認" in phone.find_element(By.ID, "notice").text, "the notice says it waits for review, in Japanese")
    check(box.get_attribute("value") == "", "the box is emptied after a 201")
    saved = question_on_disk(question)
    check(saved is not None and saved["status"] == "new" and saved["source"] == "web",
          "the question is on disk as new, from the web")
    check(wait(lambda: "確認待ち" in phone.find_element(By.ID, "mine").text), "the page lists one's own question as waiting for review")
    check(question not in phone.find_element(By.ID, "questions").text, "a new question is not in the public list")
    shot(phone, "phone-sent")

    # --- An approval in the host console appears without a reload -----------------------
    check(wait(lambda: "etcd" in tmux("capture-pane", "-p", "-t", "host"), 10), "the console shows the question")
    tmux("send-keys", "-t", "host", "y")
    check(wait(lambda: question in phone.find_element(By.ID, "questions").text, 5),
          "the approval made in the console appears on the open page without a reload")
    check(wait(lambda: "質問の列" in phone.find_element(By.ID, "mine").text, 5), "one's own question says it is queued")
    shot(phone, "phone-approved")

    # --- Vote: one per person -------------------------------------------------------------
    item = phone.find_element(By.CSS_SELECTOR, "#questions li[data-id='%s']" % saved["id"])
    item.find_element(By.CSS_SELECTOR, "button.vote").click()
    check(wait(lambda: phone.find_element(By.CSS_SELECTOR, "#questions li[data-id='%s'] .count" % saved["id"]).text == "1"),
          "the vote counts on the page")
    check(wait(lambda: sum(question_on_disk(question)["votes"].values()) == 1), "the vote is on disk")
    phone.find_element(By.CSS_SELECTOR, "#questions li[data-id='%s'] button.vote" % saved["id"]).click()
    check(wait(lambda: sum(question_on_disk(question)["votes"].values()) == 0), "a second press withdraws the vote")
    phone.find_element(By.CSS_SELECTOR, "#questions li[data-id='%s'] button.vote" % saved["id"]).click()
    check(wait(lambda: sum(question_on_disk(question)["votes"].values()) == 1), "and votes again: still one vote")

    # --- While the file cannot be written, the page keeps the text and sends it later ------
    import fcntl
    lock = open(STATE + ".lock", "a")
    fcntl.flock(lock, fcntl.LOCK_EX)  # another writer holds the lock too long: 503 after 3 s
    kept = "スケーラビリティに関して (sent while the file was locked)"
    box.send_keys(kept)
    phone.find_element(By.ID, "send").click()
    check(wait(lambda: phone.find_element(By.ID, "error").is_displayed(), 8), "a failed send says so")
    check(box.get_attribute("value") == kept, "and keeps the text in the box")
    shot(phone, "phone-retrying")
    fcntl.flock(lock, fcntl.LOCK_UN)
    lock.close()
    check(wait(lambda: question_on_disk(kept) is not None, 15), "the page sends it again by itself once the file can be written")
    check(wait(lambda: box.get_attribute("value") == "" and phone.find_element(By.ID, "notice").is_displayed(), 5),
          "then empties the box and says it was sent")

    # --- Hostile strings: sent through the page's API, shown literally, run nothing -------
    with open(HOSTILE, encoding="utf-8") as f:
        hostile = json.load(f)
    hostile += [
        {"name": "script", "text": "<script>window.__pwned=1</script>"},
        {"name": "img onerror", "text": "<img src=x onerror=\"window.__pwned=1\">"},
        {"name": "svg onload", "text": "\"><svg onload=\"window.__pwned=1\">"},
        {"name": "textarea end", "text": "</textarea><script>window.__pwned=1</script>"},
        {"name": "javascript: text", "text": "javascript:window.__pwned=1"},
        {"name": "template", "text": "{{7*7}} ${7*7} <%= 7*7 %>"},
        {"name": "event stream", "text": "line\n\ndata: {\"forged\":true}\nevent: state\ndata: x"},
        {"name": "attribute", "text": "' onmouseover='window.__pwned=1' x='"},
    ]
    sender = browser("800,600", language="en")
    sender.get(open_url + "/")
    wait(lambda: sender.execute_script("return window.podiumReady === true"))
    sent = []
    for entry in hostile:
        if len(entry["text"]) > 1000:
            continue
        result = sender.execute_async_script("""
            var done = arguments[arguments.length - 1];
            fetch('/api/questions', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({text: arguments[0], author: arguments[1]})})
              .then(function (r) { return r.json().then(function (j) { done([r.status, j]); }); })
              .catch(function (e) { done([0, String(e)]); });
        """, entry["text"], entry["name"][:40])
        if result[0] == 201:
            sent.append((entry, result[1]["id"]))
    check(len(sent) >= 40, "at least 40 hostile strings accepted (%d)" % len(sent))
    check(wait(lambda: len(phone.find_elements(By.CSS_SELECTOR, "#questions li")) >= len(sent) + 1, 10),
          "the open page received them all live")
    api = json.loads(urllib.request.urlopen(review + "/api/questions").read())
    stored = {q["id"]: q["text"] for q in api["public"]["questions"]}
    mismatches = []
    for entry, qid in sent:
        text = phone.execute_script(
            "var e = document.querySelector('#questions li[data-id=\"' + arguments[0] + '\"] .text'); return e ? e.textContent : null;", qid)
        if text != shown(stored.get(qid)):
            mismatches.append(entry["name"])
    check(not mismatches, "every hostile string shows as its literal text (live page): %s" % mismatches)
    check(phone.execute_script("return typeof window.__pwned") == "undefined", "nothing ran on the live page")
    check(phone.execute_script("return document.querySelectorAll('#questions script, #questions img, #questions svg, #questions iframe, [onerror], [onload], [onmouseover]').length") == 0,
          "no element was injected on the live page")
    phone.get(review + "/")
    wait(lambda: phone.execute_script("return window.podiumReady === true"))
    time.sleep(0.5)
    check(phone.execute_script("return typeof window.__pwned") == "undefined", "nothing ran after a reload")
    check(phone.execute_script("return document.title").startswith("Kubernetes Meetup Tokyo #19 <script>"),
          "the event title shows literally")
    shot(phone, "phone-hostile")

    # --- Without JavaScript: the server-rendered page and the plain form ------------------
    plain = browser("412,915", javascript=False, language="en")
    plain.get(review + "/")
    mismatches = []
    for entry, qid in sent:
        elements = plain.find_elements(By.CSS_SELECTOR, "#questions li[data-id='%s'] .text" % qid)
        text = plain.execute_script("return arguments[0].textContent", elements[0]) if elements else None
        if text != shown(stored.get(qid)):
            mismatches.append(entry["name"])
    check(not mismatches, "every hostile string shows as its literal text (server-rendered page): %s" % mismatches)
    check(plain.execute_script("return document.querySelectorAll('#questions script, #questions img, #questions svg, [onerror], [onload], [onmouseover]').length") == 0,
          "no element was injected in the server-rendered page")
    plain_question = "StatefulSets には今回触れられなかったが、どういう扱いなのか"
    plain.find_element(By.ID, "text").send_keys(plain_question)
    plain.find_element(By.ID, "author").send_keys("大阪")
    plain.find_element(By.ID, "send").click()
    check(wait(lambda: "waiting for review" in plain.find_element(By.ID, "notice").text), "without JavaScript the form sends and says it waits for review")
    saved_plain = question_on_disk(plain_question)
    check(saved_plain is not None and saved_plain["status"] == "new" and saved_plain["author"] == "大阪",
          "the plain form's question is on disk as new with its name")
    shot(plain, "phone-no-js-sent")
    plain.get(review + "/?from=satellite")
    plain.find_element(By.ID, "text").send_keys("Osaka から質問です")
    plain.find_element(By.ID, "send").click()
    wait(lambda: plain.find_element(By.ID, "notice").is_displayed())
    saved_osaka = question_on_disk("Osaka から質問です")
    check(saved_osaka is not None and saved_osaka["source"] == "satellite", "a ?from=satellite link marks its questions")

    # --- The stage: ticks in the browser, turns colour at the thresholds ------------------
    stage = browser("1920,1080", language="en")
    stage.get(review + "/stage")
    check(wait(lambda: stage.execute_script("return window.podiumReady === true")), "the stage script ran")
    check(wait(lambda: "phase-idle" in stage.find_element(By.TAG_NAME, "body").get_attribute("class")), "the stage is idle before the start")
    shot(stage, "stage-idle")

    # --- The host console: Q shows the URL as a QR code a real reader decodes -------------
    # Two servers run on one state file, each with its own presence file: the console lists
    # the stage screens of both, and the URL of the one started first.
    presences = [n for n in os.listdir(WORK) if n.startswith("podium.json.serve-") and n.endswith(".json")]
    check(len(presences) == 2, "each server writes its own presence file: %s" % presences)
    second_stage = browser("800,600", language="en")
    second_stage.get(open_url + "/stage")
    wait(lambda: second_stage.execute_script("return window.podiumReady === true"))
    # Q opens the box; if a key of an earlier step left another box or line open, Esc closes it first.
    for _ in range(3):
        tmux("send-keys", "-t", "host", "Q")
        if wait(lambda: "Audience page" in tmux("capture-pane", "-p", "-t", "host"), 3):
            break
        tmux("send-keys", "-t", "host", "Escape")
        time.sleep(0.3)
    listed = wait(lambda: "2 stage screens following" in tmux("capture-pane", "-p", "-t", "host"), 8)
    if not listed:
        print(tmux("capture-pane", "-p", "-t", "host"))
    check(listed, "the host console lists the stage screens of both servers")
    decoded = decode_terminal_qr(tmux("capture-pane", "-p", "-t", "host"))
    check(decoded == review + "/", "zbarimg reads the console's QR code as the audience URL: %r" % decoded)
    tmux("send-keys", "-t", "host", "Escape")
    time.sleep(0.5)
    tmux("send-keys", "-t", "host", "Space")
    phases, colours = [], {}
    requests_before = None
    first_time, first_at = None, None
    end = time.time() + 30
    while time.time() < end:
        body = stage.find_element(By.TAG_NAME, "body").get_attribute("class")
        phase = body.replace("stage", "").replace("phase-", "").strip()
        if phase != "idle" and first_time is None:
            first_time, first_at = stage.find_element(By.ID, "time").text, time.time()
            requests_before = stage.execute_script("return performance.getEntriesByType('resource').length")
        if not phases or phases[-1] != phase:
            phases.append(phase)
            colours[phase] = stage.execute_script("return getComputedStyle(document.getElementById('time')).color")
            shot(stage, "stage-" + phase)
        if phase == "overtime":
            time.sleep(1.2)
            break
        time.sleep(0.2)
    check([p for p in phases if p != "idle"] == ["normal", "warning", "danger", "overtime"],
          "the stage goes normal, warning, danger, overtime: %s" % phases)
    check(len(set(colours.get(p) for p in ["normal", "warning", "danger"])) == 3, "each phase has its colour: %s" % colours)
    check(stage.find_element(By.ID, "time").text.startswith("+"), "overtime counts up with a +")
    check(first_time is not None and stage.find_element(By.ID, "time").text != first_time, "the stage ticks")
    requests_after = stage.execute_script("return performance.getEntriesByType('resource').length")
    check(requests_before == requests_after, "no request per second: it ticks from the anchor (%s, %s)" % (requests_before, requests_after))
    check(stage.execute_script("return document.documentElement.scrollHeight <= window.innerHeight"), "the stage fills 1920x1080 without scrolling")
    # --- Phones 390 px wide: no horizontal scrolling, with long unbroken words, URLs and
    # Japanese in questions and names; every word of the stage in Japanese --------------
    long_texts = [
        ("x" * 40, "averyveryveryverylongunbrokenwordwithoutanyspacesatallthatgoesonandonforeverandever"),
        ("名前" * 20, "https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/statefulset/stateful_set_control.go?q=" + "y" * 50),
        ("東京", "スケーラビリティに関してはどのように考えていますか" * 8),
    ]
    for name, text in long_texts:
        sender.execute_async_script("""
            var done = arguments[arguments.length - 1];
            fetch('/api/questions', {method: 'POST', headers: {'Content-Type': 'application/json'},
                  body: JSON.stringify({text: arguments[0], author: arguments[1]})}).then(function (r) { done(r.status); });
        """, text, name)
    narrow = browser("390,844", language="ja")
    fits = "var d = document.documentElement; return [d.scrollWidth, d.clientWidth];"
    for width in [390, 500]:
        narrow.set_window_size(width, 844)
        narrow.get(review + "/")
        wait(lambda: narrow.execute_script("return window.podiumReady === true"))
        check(wait(lambda: "unbrokenword" in narrow.find_element(By.ID, "questions").text, 5), "the long words are on the page")
        size = narrow.execute_script(fits)
        check(size[0] <= size[1], "the audience page fits %d px without scrolling sideways (scrollWidth %d, clientWidth %d)" % (width, size[0], size[1]))
        shot(narrow, "phone-%d-long-words" % width)
        narrow.get(review + "/stage")
        wait(lambda: narrow.execute_script("return window.podiumReady === true"))
        time.sleep(0.5)
        size = narrow.execute_script(fits)
        check(size[0] <= size[1], "the stage fits %d px without scrolling sideways (scrollWidth %d, clientWidth %d)" % (width, size[0], size[1]))
        shot(narrow, "stage-%d" % width)
    stage_phone = narrow
    status = stage_phone.find_element(By.ID, "status").text
    check(re.search(r"[A-Za-z]", status) is None and status != "", "the stage's status is Japanese: %r" % status)
    check(stage_phone.find_element(By.ID, "next").text.startswith("次: "), "the next session is announced in Japanese")
    check(stage_phone.execute_script("return document.getElementById('offline').textContent") == "オフライン",
          "the stage's offline mark is Japanese")

    # --- The server stops: the stage keeps ticking and says it is offline -----------------
    before = stage.find_element(By.ID, "time").text
    review_process.send_signal(signal.SIGTERM)
    check(review_process.wait(10) == 0, "the server stops cleanly on SIGTERM")
    check(wait(lambda: stage.find_element(By.ID, "offline").is_displayed(), 10), "the stage shows it is offline")
    check(wait(lambda: stage_phone.find_element(By.ID, "offline").is_displayed(), 10)
          and stage_phone.find_element(By.ID, "offline").text == "オフライン", "in Japanese on a Japanese browser")
    left = [n for n in os.listdir(WORK) if n.startswith("podium.json.serve-") and n.endswith(".json")]
    check(len(left) == 1, "the stopped server removed its presence file, the other's stays: %s" % left)
    time.sleep(1.2)
    check(stage.find_element(By.ID, "time").text != before, "and keeps ticking")
    shot(stage, "stage-offline")


try:
    main()
except Exception as error:  # a check that could not even run
    import traceback
    traceback.print_exc()
    failures.append("error: %r" % error)
finally:
    for driver in drivers:
        try:
            driver.quit()
        except Exception:
            pass
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(5)
            except Exception:
                process.kill()
    tmux("kill-server")

print("%d failed" % len(failures))
sys.exit(1 if failures else 0)
