// The article page's (and the embedded discussion's) one script: live comments, the reader's
// own state from one call, likes, reports, replies, the author's edit window and the "more"
// button of a discussion in pages.
// The page works without it (links, buttons of plain forms); it only adds.
// Start-up is kept short (a phone's main thread stays free for the reader): two delegated
// listeners now, the reader call's answer applied in slices, the threads laid out and the live
// stream opened when the page is idle (the server replays what was published meanwhile).

import { commentActions, replies } from './lib/actions';
import { idle } from './lib/idle';
import { live } from './lib/live';
import { morePages } from './lib/pages';
import { readerState, showReaderState } from './lib/reader';
import { layOutThreads } from './lib/threads';

const section = document.querySelector<HTMLElement>('section.discussion');
const articleId = section?.dataset.articleId;
if (section && articleId) {
  commentActions(section);
  replies(section);
  void readerState(section, articleId);
  const list = section.querySelector<HTMLElement>('#comments');
  if (list) void layOutThreads(list);
  morePages(section, (more) => {
    void showReaderState(more);
    void layOutThreads(more);
  });
  void idle().then(() => live(section));
}
