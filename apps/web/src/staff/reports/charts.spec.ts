import { barChart, shorten } from './charts';

describe('the server-drawn bar chart', () => {
  it('scales the longest bar to the plot and the others in proportion', () => {
    const c = barChart(
      [
        { label: 'A', values: [10] },
        { label: 'B', values: [5] },
        { label: 'C', values: [0] },
      ],
      { width: 720, labelWidth: 220 },
    );
    expect(c.plotX).toBe(220);
    expect(c.plotWidth).toBe(720 - 220 - 64);
    expect(c.max).toBe(10);
    expect(c.rows[0].segments).toEqual([{ x: 220, width: 436, series: 0, value: 10 }]);
    expect(c.rows[1].segments).toEqual([{ x: 220, width: 218, series: 0, value: 5 }]);
    expect(c.rows[2].segments).toEqual([]); // nothing drawn for zero
    expect(c.rows[2].valueX).toBe(226); // the value is written right after where the bar would start
  });

  it('stacks segments end to end with no gap or overlap, whatever the rounding', () => {
    const c = barChart([{ label: 'x', values: [1, 1, 1] }], { width: 364, labelWidth: 0 }); // plot 300 wide, thirds of 100
    const [a, b, d] = c.rows[0].segments;
    expect(a.x + a.width).toBeCloseTo(b.x, 5);
    expect(b.x + b.width).toBeCloseTo(d.x, 5);
    expect(d.x + d.width).toBeCloseTo(300, 5);
    expect(c.rows[0].segments.map((s) => s.series)).toEqual([0, 1, 2]);
  });

  it('skips empty segments but keeps each one’s series (its colour)', () => {
    const c = barChart([{ label: 'x', values: [0, 4, 0, 4] }]);
    expect(c.rows[0].segments.map((s) => s.series)).toEqual([1, 3]);
    expect(c.rows[0].total).toBe(8);
  });

  it('uses a fixed maximum for percentages and never draws past it', () => {
    const c = barChart(
      [
        { label: 'a', values: [50] },
        { label: 'b', values: [130] },
      ],
      { max: 100, width: 464, labelWidth: 0 },
    );
    expect(c.rows[0].segments[0].width).toBe(200);
    expect(c.rows[1].segments[0].width).toBe(400);
    expect(c.ticks.map((t) => t.text)).toEqual(['0', '25', '50', '75', '100']);
  });

  it('ignores negative and non-finite values, and draws an all-zero chart on a scale of 1', () => {
    const c = barChart([{ label: 'a', values: [-5, Number.NaN, Number.POSITIVE_INFINITY] }]);
    expect(c.max).toBe(1);
    expect(c.rows[0].segments).toEqual([]);
    expect(c.rows[0].valueText).toBe('0');
  });

  it('lays rows out one under the other and sizes the picture to them', () => {
    const c = barChart(
      [
        { label: 'a', values: [1] },
        { label: 'b', values: [2] },
      ],
      { barHeight: 20, gap: 10 },
    );
    expect(c.rows.map((r) => r.y)).toEqual([8, 38]);
    expect(c.height).toBe(8 + 2 * 30 + 24);
    expect(c.rows[1].textY).toBe(38 + 10 + 5);
  });

  it('shortens long labels for the gutter (the table has them whole), by character not byte', () => {
    expect(shorten('Bayanihan Manpower Services International Inc.', 20)).toBe('Bayanihan Manpower…');
    expect([...shorten('नेपाली म्यानपावर प्राइभेट लिमिटेड', 10)].length).toBeLessThanOrEqual(10);
    expect(shorten('Short', 20)).toBe('Short');
    const c = barChart([{ label: 'A very long agency name that will not fit in the gutter', values: [1], valueText: '1.5' }], { labelChars: 12 });
    expect(c.rows[0].shortLabel).toBe('A very long…');
    expect(c.rows[0].label).toBe('A very long agency name that will not fit in the gutter');
    expect(c.rows[0].valueText).toBe('1.5');
  });
});
