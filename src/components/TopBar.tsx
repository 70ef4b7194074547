import type { ReactNode } from 'react';

export interface CityOption { id: string; label: string }

export function TopBar(props: {
  title: string;
  subtitle: string;
  cityLabel: string;
  cities: readonly CityOption[];
  cityId: string | null;
  onCity: (id: string) => void;
  children: ReactNode;
}) {
  return (
    <header className="topbar">
      <div className="brand">
        <h1>{props.title}</h1>
        <span className="subtitle">{props.subtitle}</span>
      </div>
      <label className="city-switcher">
        <span>{props.cityLabel}</span>
        <select value={props.cityId ?? ''} onChange={(e) => props.onCity(e.target.value)} aria-label={props.cityLabel}>
          {props.cities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <div className="topbar-actions">{props.children}</div>
    </header>
  );
}
