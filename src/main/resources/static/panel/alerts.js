// Alerts while the operator looks elsewhere: a short tone and a desktop notification for a new dialog or a
// client's line. Both can be turned off in the page (kept in this browser); the permission is asked once.
import {$} from './dom.js';

const SOUND = 'operator-connect.panel.sound';
const DESKTOP = 'operator-connect.panel.notifications';
const ASKED = 'operator-connect.panel.notifications-asked';

const on = (key) => localStorage.getItem(key) !== 'off';
const keep = (key, value) => localStorage.setItem(key, value ? 'on' : 'off');
const notifications = () => 'Notification' in window;

export function wireAlerts() {
  const sound = $('#sound-toggle');
  const desktop = $('#notify-toggle');
  sound.checked = on(SOUND);
  desktop.checked = on(DESKTOP) && notifications();
  desktop.disabled = !notifications();
  sound.addEventListener('change', () => keep(SOUND, sound.checked));
  desktop.addEventListener('change', () => {
    keep(DESKTOP, desktop.checked);
    if (desktop.checked) askForPermission(true);
  });
  // Browsers ask only after something the person did: the first click in the page, and never again after that.
  document.addEventListener('click', () => askForPermission(false), {once: true});
}

function askForPermission(turnedOn) {
  if (!notifications() || Notification.permission !== 'default' || !on(DESKTOP)) return;
  if (localStorage.getItem(ASKED) && !turnedOn) return;
  localStorage.setItem(ASKED, 'yes');
  Notification.requestPermission().catch(() => {});
}

/** Only while the page is out of view: in view, the folders and the transcript show it already. */
export function outOfView() {
  return document.visibilityState === 'hidden';
}

/** A tone and a notification, as the toggles allow; {@code tag} keeps one notification per dialog. */
export function alertOperator(title, body, tag) {
  if (!outOfView()) return;
  if (on(SOUND)) tone();
  if (on(DESKTOP) && notifications() && Notification.permission === 'granted') {
    const note = new Notification(title, {body, tag});
    note.addEventListener('click', () => {
      window.focus();
      note.close();
    });
  }
}

let audio = null;

/** A short tone made here, no sound file to fetch. */
function tone() {
  try {
    audio = audio || new AudioContext();
    const oscillator = audio.createOscillator();
    const volume = audio.createGain();
    oscillator.frequency.value = 880;
    volume.gain.value = 0.08;
    oscillator.connect(volume).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + 0.15);
  } catch (noAudio) {
    // no sound in this browser: the notification and the title still tell
  }
}
