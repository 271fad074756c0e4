-- Person search anywhere in a name or a work unit's name (api/statistics/search.ts). The trigram indexes
-- need three characters of the searched text, and most Chinese names have two or three, a unit is often
-- searched by two: those searches read every name. "search_grams" is a text's characters and pairs of
-- neighbouring characters; a text containing the searched one has all of its pairs (or its one character),
-- so a GIN index of the grams finds the candidates, and LIKE keeps the ones that contain it.

CREATE FUNCTION "search_grams"(t TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(t, i, n)), '{}')
    FROM generate_series(1, 2) AS n, generate_series(1, length(t) - n + 1) AS i
$$;

CREATE INDEX "Person_name_grams_idx" ON "Person" USING gin ("search_grams"("name"));
CREATE INDEX "WorkInfo_unitName_grams_idx" ON "WorkInfo" USING gin ("search_grams"("unitName"));
