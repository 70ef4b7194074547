import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GapPanel, type GapPanelProps } from './GapPanel';

const slider = { label: 's', value: 500, min: 100, max: 1500, step: 50, onChange: () => {} };
const props = (zones: GapPanelProps['zones']): GapPanelProps => ({
  title: '短板分析',
  status: null,
  busy: false,
  kpis: [],
  toiletDistance: slider,
  zoneRadius: slider,
  parkingRadius: slider,
  switches: [],
  zoneHeader: ['类别', '点位', '背街小巷', '小区'],
  zones,
  rulesTitle: '测评规则',
});

describe('GapPanel zone table', () => {
  it('shows counts not yet made as an ellipsis, not as zeros, and a real zero as 0', () => {
    const pending = renderToStaticMarkup(<GapPanel {...props([{ id: 'school', label: '学校', points: null, alleys: null, compounds: null }])} />);
    expect(pending).toContain('<td>学校</td><td>…</td><td>…</td><td>…</td>');
    expect(pending).not.toContain('data-zone-alleys');
    const counted = renderToStaticMarkup(<GapPanel {...props([{ id: 'school', label: '学校', points: 3, alleys: 0, compounds: 12 }])} />);
    expect(counted).toContain('<td>学校</td><td>3</td><td data-zone-alleys="0">0</td><td>12</td>');
  });
});
