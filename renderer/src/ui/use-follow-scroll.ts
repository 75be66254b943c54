// A console that follows its newest line, as a terminal does, until the reader scrolls up; then it
// stays where the reader is (and offers to follow again) while new lines arrive.
import { useLayoutEffect, useRef, useState } from 'react';

/** Within this many pixels of the bottom counts as "at the end". */
const AT_END_PX = 24;

export function useFollowScroll(content: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const [following, setFollowing] = useState(true);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && following) el.scrollTop = el.scrollHeight;
  }, [content, following]);
  const onScroll = () => {
    const el = ref.current;
    if (el) setFollowing(el.scrollHeight - el.scrollTop - el.clientHeight < AT_END_PX);
  };
  return { ref, following, follow: () => setFollowing(true), onScroll };
}
