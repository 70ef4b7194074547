/**
 * The supervision cases on a canvas of their own above the map, instead of inside MapLibre's stack like the
 * atlas layers. A filter click changes only the cases; drawn inside the map, each change redrew the whole map, and
 * on software GL the basemap and boundaries alone cost ~80 ms a frame at 1280×800. This canvas redraws alone.
 * A camera move draws both in the same task: this canvas follows the map's render event. Pins sit above the
 * labels, as map markers do, and below the map's controls.
 *
 * A plain deck.gl Deck rather than MapboxOverlay's overlaid mode: that one hands every prop to deck.gl again on
 * each change, and its pixel ratio makes luma.gl measure the canvas (a forced layout of the page) on every filter
 * click; and it picks on its own pointer events, in an order with the map's deck.gl that nothing fixes. Nothing
 * here is pickable: the map controller finds the mark under the pointer (case_hits.ts).
 */
import { Deck, MapView, type Layer } from '@deck.gl/core';
import type maplibregl from 'maplibre-gl';

/** The map's camera as deck.gl's (no pitch or rotation in this app, but kept in step anyway). */
function viewStateOf(map: maplibregl.Map) {
  const { lng, lat } = map.getCenter();
  return { longitude: ((lng + 540) % 360) - 180, latitude: lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch(), repeat: map.getRenderWorldCopies() };
}

export class CaseCanvas {
  private readonly deck: Deck<MapView>;
  private readonly container = document.createElement('div');
  private drawing = false;

  /** `onDrawn` after each frame of this canvas. */
  constructor(
    private readonly map: maplibregl.Map,
    pixelRatio: number,
    private readonly onDrawn: () => void,
  ) {
    Object.assign(this.container.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
    this.container.className = 'case-canvas';
    // after MapLibre's canvas, before its controls
    map.getCanvasContainer().after(this.container);
    this.deck = new Deck({
      parent: this.container,
      views: new MapView({ repeat: true }),
      viewState: viewStateOf(map),
      controller: false,
      useDevicePixels: pixelRatio,
      layers: [],
      onAfterRender: onDrawn,
    });
    map.on('render', this.followMap);
  }

  private readonly followMap = () => {
    if (!this.drawing) return;
    this.deck.setProps({ viewState: viewStateOf(this.map) });
    this.deck.redraw();
  };

  /** The layers to draw; none leaves the canvas cleared and idle. */
  setLayers(layers: Layer[]): void {
    this.drawing = layers.length > 0;
    // the camera may have moved while nothing was drawn
    this.deck.setProps({ layers, viewState: viewStateOf(this.map) });
    // layers equal to those drawn draw nothing: the canvas shows them already
    if (this.deck.isInitialized && !this.deck.needsRedraw()) this.onDrawn();
  }

  /**
   * Called only when the ratio changes (the map controller's applyPixelRatio). luma.gl resizes the drawing buffer
   * at the next draw, and the map's next render asks for none when the camera has not moved (back to full
   * resolution after a move): without this draw the cases stayed at the moving resolution, blurred, until the
   * next move or filter.
   */
  setPixelRatio(ratio: number): void {
    this.deck.setProps({ useDevicePixels: ratio });
    if (this.drawing && this.deck.isInitialized) this.deck.redraw('pixel ratio');
  }

  remove(): void {
    this.map.off('render', this.followMap);
    this.deck.finalize();
    this.container.remove();
  }
}
