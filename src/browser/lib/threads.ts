// A long discussion is skipped by the page's first layout: the stylesheet gives each thread
// `content-visibility: auto` (#comments > .comment), so only those near the screen are laid out
// while the page loads — with or without this script. Once the page is idle, the script lays the
// threads out a few comments at a time, each slice in its own frame, and they keep their real
// size: the scrollbar stops jumping, and whatever reads positions (assistive technology, a
// browser's find, an audit) sees the page as it is. One long layout becomes many short ones.

import { idle } from './idle';

/** About this many comments are laid out in one frame. */
const SLICE = 24;

export async function layOutThreads(list: HTMLElement): Promise<void> {
  // Threads a next page appended come through here again; those already laid out are left.
  const threads = Array.from(list.children).filter((el) => el.classList.contains('comment') && !el.classList.contains('comment-laid-out'));
  let i = 0;
  while (i < threads.length) {
    await idle();
    for (let n = 0; i < threads.length && n < SLICE; i++) {
      const thread = threads[i] as HTMLElement;
      n += 1 + thread.getElementsByTagName('li').length;
      thread.classList.add('comment-laid-out');
    }
  }
}
