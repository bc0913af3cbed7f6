package tandem.tensor.profile;

import java.util.List;

/** The profile's tables as one JSON object, for scripts and tests: the same figures as the text table. */
final class ProfileJson {
    private ProfileJson() {}

    static String render(Profile p, Ceilings ceilings) {
        StringBuilder regions = new StringBuilder("{");
        p.regions().forEach((name, n) -> regions.append(regions.length() == 1 ? "" : ",").append(JsonText.str(name)).append(':').append(n));
        StringBuilder b = new StringBuilder("{\"elapsed_ms\":").append(JsonText.num(p.elapsedMillis()));
        field(b, "regions", regions.append('}').toString());
        field(b, "region_ms", JsonText.num(p.hasRegions() ? p.regionMillis() : Double.NaN));
        field(b, "ops_in_regions_ms", JsonText.num(p.hasRegions() ? p.opMillisInRegions() : Double.NaN));
        field(b, "coverage", JsonText.num(p.coverage()));
        field(b, "ops", Long.toString(p.ops()));
        field(b, "bookkeeping_us_per_op", JsonText.num(p.bookkeepingMicrosPerOp()));
        field(b, "ceilings", ceilings == null ? "null" : ceilings.json());
        field(b, "by_op", rows(p.byOp(), ceilings));
        field(b, "by_phase", rows(List.copyOf(p.byPhase().values()), ceilings));
        field(b, "by_module", rows(p.byModule(), ceilings));
        return b.append("}\n").toString();
    }

    private static String rows(List<OpSummary> rows, Ceilings ceilings) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            OpSummary s = rows.get(i);
            b.append(i == 0 ? "\n " : ",\n ").append("{\"name\":").append(JsonText.str(s.name()))
                    .append(",\"calls\":").append(s.calls())
                    .append(",\"ms\":").append(JsonText.num(s.millis()))
                    .append(",\"device_ms\":").append(s.deviceNanos() < 0 ? "null" : JsonText.num(s.deviceNanos() / 1e6))
                    .append(",\"flops\":").append(JsonText.num(s.flops()))
                    .append(",\"bytes\":").append(JsonText.num(s.bytes()))
                    .append(",\"gflops\":").append(JsonText.num(s.gflops()))
                    .append(",\"gbs\":").append(JsonText.num(s.gbPerSecond()))
                    .append(",\"intensity\":").append(JsonText.num(s.intensity()))
                    .append(",\"bound\":").append(JsonText.str(s.bound(ceilings))).append('}');
        }
        return b.append(']').toString();
    }

    private static void field(StringBuilder b, String key, String value) {
        b.append(",\"").append(key).append("\":").append(value);
    }
}
