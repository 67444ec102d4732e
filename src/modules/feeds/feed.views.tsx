import type { VNode } from 'preact';
import type { Deps } from '../../deps';
import { FEED_FORMATS, feedPath, type FeedFormat } from './feed.service';

/** <link rel="alternate"> elements announcing a list page's feeds to readers' apps. */
export function feedLinks(deps: Deps, path: string, title: string): VNode {
  return (
    <>
      {(Object.keys(FEED_FORMATS) as FeedFormat[]).map((f) => (
        <link rel="alternate" type={FEED_FORMATS[f].type.split(';')[0]} title={title} href={deps.config.baseUrl + feedPath({ path }, f)} />
      ))}
    </>
  );
}
