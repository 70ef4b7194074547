/**
 * A small map to place a report by tapping: the city's own PMTiles basemap (cached by the service worker for
 * the area looked at), one marker. Kept small — phones and software WebGL draw every pixel.
 */
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { Protocol } from 'pmtiles';
import { useEffect, useRef } from 'react';
import type { CityManifest } from '../domain/city_bundle';
import { basemapStyle } from '../map/style/basemap_style';
import { LOCAL_FONT_FAMILY, registerLocalGlyphs } from '../map/style/local_glyphs';
import { THEMES } from '../map/style/theme';

let pmtilesRegistered = false;

export interface TapMapProps {
  city: CityManifest;
  point: [number, number] | null;
  onPick: (lon: number, lat: number) => void;
  label: string;
}

export function TapMap({ city, point, onPick, label }: TapMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  const marker = useRef<maplibregl.Marker | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    if (!pmtilesRegistered) {
      pmtilesRegistered = true;
      maplibregl.addProtocol('pmtiles', new Protocol().tile);
    }
    registerLocalGlyphs();
    const tilesUrl = new URL(`tiles/${city.tiles.file}`, new URL(import.meta.env.BASE_URL, location.href)).href;
    const instance = new maplibregl.Map({
      container: container.current!,
      style: basemapStyle(tilesUrl, THEMES.light),
      center: city.center,
      zoom: 15,
      attributionControl: false,
      localIdeographFontFamily: LOCAL_FONT_FAMILY,
      pixelRatio: Math.min(2, window.devicePixelRatio),
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
    });
    instance.touchZoomRotate.disableRotation();
    instance.on('click', (event) => pick.current(event.lngLat.lng, event.lngLat.lat));
    instance.on('idle', () => container.current?.setAttribute('data-map-state', 'idle'));
    map.current = instance;
    return () => {
      instance.remove();
      map.current = null;
      marker.current = null;
    };
  }, [city]);

  useEffect(() => {
    const instance = map.current;
    if (!instance || !point) return;
    marker.current ??= new maplibregl.Marker({ color: '#c0392b' }).setLngLat(point).addTo(instance);
    marker.current.setLngLat(point);
    if (!instance.getBounds().contains(point)) instance.jumpTo({ center: point });
  }, [point]);

  return <div ref={container} className="field-map" role="application" aria-label={label} data-map-state="loading" />;
}
