import { describe, expect, it } from 'vitest';
import type { Feature, LineString, MultiLineString } from 'geojson';
import { generateDemoCity } from '../../../scripts/city/demo/demo_city';
import { encodeBinaryLayer } from '../../domain/binary_layer';
import type { StreetFeature } from '../../domain/city_bundle';
import { layerFeatures, layerFeaturesSync } from '../../domain/layer_file';
import { boxTable } from '../view_detail';
import { alleyBoxes, alleyPaths } from './alleys_layer';

describe('the alleys the map draws', () => {
  it('are the same paths and boxes read from the streets’ binary layer as from their GeoJSON, multi-part streets too', async () => {
    const city = generateDemoCity({ seed: 4, sizeKm: 3 });
    // a street cut in two by the city's edge: two alleys
    const cut = { ...city.layers.streets.features.find((s) => s.properties.alley)! };
    cut.geometry = { type: 'MultiLineString', coordinates: [[[115.1, 33.1], [115.102, 33.101]], [[115.2, 33.2], [115.203, 33.2], [115.204, 33.205]]] } as MultiLineString as never;
    const streets = [...city.layers.streets.features, { ...cut, properties: { ...cut.properties, id: 'cut' } }];
    const bytes = encodeBinaryLayer('streets', streets as Feature<LineString | MultiLineString, object>[]);
    const plain = layerFeaturesSync<StreetFeature>('streets.bin', bytes).features;
    const read = (await layerFeatures<StreetFeature>('streets.bin', bytes)).features;

    const fromJson = alleyPaths(plain);
    const fromLayer = alleyPaths(read);
    expect(fromJson.length).toBeGreaterThan(10);
    expect(fromJson.filter((a) => a.street.properties.id === 'cut')).toHaveLength(2);
    expect(fromLayer.map((a) => [a.street.properties.id, a.path])).toEqual(fromJson.map((a) => [a.street.properties.id, a.path]));
    // boxed from the typed arrays, against boxing each GeoJSON path point by point
    expect(alleyBoxes(fromLayer)).toEqual(boxTable(fromJson, (a) => a.path));
    expect(alleyBoxes(fromJson)).toEqual(boxTable(fromJson, (a) => a.path));
  });
});
