import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Tooltip } from './Tooltip';

describe('Tooltip', () => {
  it('shows names as text, never as HTML', () => {
    const html = renderToStaticMarkup(<Tooltip x={0} y={0} lines={['<img src=x onerror=alert(1)>', '公厕']} />);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('公厕');
  });
});
