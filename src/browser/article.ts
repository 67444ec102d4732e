// The article page's (and the embedded discussion's) one script: live comments, the reader's
// own state from one call, likes, reports, replies and the author's edit window.
// The page works without it (links, buttons of plain forms); it only adds.

import { commentActions, replies } from './lib/actions';
import { live } from './lib/live';
import { readerState } from './lib/reader';

const section = document.querySelector<HTMLElement>('section.discussion');
const articleId = section?.dataset.articleId;
if (section && articleId) {
  commentActions(section);
  replies(section);
  void readerState(section, articleId);
  live(section);
}
