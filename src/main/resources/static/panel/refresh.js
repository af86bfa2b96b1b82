// Reading everything the page shows again. What is read is registered here (by main.js) rather than
// imported, so that the modules which ask for a refresh need not import the ones that do the reading.
import {showError} from './dom.js';

/** Events often come in bursts (a queue moving); one read of the folders serves the whole burst. */
const EVENT_COALESCE_MS = 150;

/** {when, load}: on every refresh, load() runs while when() says so, in the order they were added. */
const loaders = [];

export function addLoader(when, load) {
  loaders.push({when, load});
}

let refreshTimer = null;
let refreshing = null;
let refreshAgain = false;

/** Reads everything the page shows again; a request made meanwhile runs once more afterwards. */
export async function refreshNow() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      const reads = [];
      for (const {when, load} of loaders) {
        if (when()) reads.push(load());
      }
      const results = await Promise.allSettled(reads);
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) showError(failed.reason);
    } while (refreshAgain);
  })();
  try {
    await refreshing;
  } finally {
    refreshing = null;
  }
}

export function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    refreshNow();
  }, EVENT_COALESCE_MS);
}
