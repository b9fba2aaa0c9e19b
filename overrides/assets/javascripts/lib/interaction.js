// Loading a widget's code on the reader's first use of it ("import on interaction"): a page shows a widget's
// form at once, and the code that reacts to it (arithmetic, texts, output tools) is fetched when the reader
// points at, touches, focuses or types in the widget; one who uses it pays a fraction of a second, once (the
// file is then cached).
//
// Two helpers, shared by every widget that splits itself so:
// - whenUsed(root, start): call start() once, on the first sign of use inside root;
// - holdClicks(root): note the buttons the reader clicks before the code that handles them has arrived, and
//   click them again once it has (release()), so an early click is answered, not lost. Typed text needs no
//   such help: it stays in the form's own inputs, which the arriving code reads.
//
// A reader who only reads the page does not pay for the code; a widget may still fetch it without a click
// when it must show something at once (a stored state) or is about to be seen or printed (the planner's
// texts scrolled into view).

/** The events that show the reader is about to use a widget: before a click or a keystroke lands. */
export const USE_EVENTS = Object.freeze(["pointerover", "pointerdown", "focusin", "keydown", "input"]);

/**
 * Call `start` once, on the first of USE_EVENTS inside `root` (captured, so before the widget's own
 * handlers; passive, so scrolling and typing are never held up).
 * @param {EventTarget} root the widget's root element
 * @param {() => void} start what to do on first use (typically: load the widget's part)
 * @returns {() => void} starts at once instead (e.g. when a stored state needs the part at load); calling it
 *   again, or an event after it, does nothing
 */
export function whenUsed(root, start) {
  let started = false;
  const options = { capture: true, passive: true };
  const fire = () => {
    if (started) return;
    started = true;
    for (const type of USE_EVENTS) root.removeEventListener(type, fire, options);
    start();
  };
  for (const type of USE_EVENTS) root.addEventListener(type, fire, options);
  return fire;
}

/**
 * Hold the reader's clicks on buttons inside `root` until the code that answers them is there.
 *
 * A held click goes no further than the root (its propagation is stopped there, in the capture phase), so a
 * handler the arriving code wires meanwhile does not answer it as well as release(). A button clicked several
 * times is clicked again once (a reader who clicks "Download" three times while waiting wants one file). And
 * once the reader types in the widget after clicking, the clicks held so far are forgotten: they have moved on,
 * and a late "Remove" or "Forget" must not undo what they typed since.
 * @param {EventTarget} root the widget's root element
 * @returns {{ release: () => void, drop: () => void }} release() stops holding and clicks again, once each and
 *   in order, every held button still on the page and enabled; drop() stops holding and forgets them (the code
 *   did not arrive: the widget says so instead)
 */
export function holdClicks(root) {
  const held = [];
  const note = (event) => {
    const button = event.target?.closest?.("button");
    if (!button) return;
    event.stopPropagation();
    if (!held.includes(button)) held.push(button);
  };
  const movedOn = () => {
    held.length = 0;
  };
  root.addEventListener("click", note, true);
  root.addEventListener("input", movedOn, true);
  const stop = () => {
    root.removeEventListener("click", note, true);
    root.removeEventListener("input", movedOn, true);
  };
  return {
    release() {
      stop();
      for (const button of held.splice(0)) if (button.isConnected && !button.disabled) button.click();
    },
    drop() {
      stop();
      held.length = 0;
    },
  };
}
