import { useMemo } from 'react';
import { parseHighlight } from './highlight';

/** A search excerpt from the server with its matches marked; rendered as text, never as HTML. */
export function HighlightText({ html, className }: { html: string; className?: string }) {
  const segments = useMemo(() => parseHighlight(html), [html]);
  return (
    <span className={className} data-testid="work-order-highlight">
      {segments.map((segment, index) =>
        segment.marked ? (
          <mark key={index} style={{ padding: 0, background: '#ffe58f' }}>
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}
