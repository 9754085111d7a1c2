/// Where an item is in its life: written but not yet shown to learners (`draft`), shown in the
/// pilot so responses can be collected for calibration (`pilot`), or calibrated and used for
/// awards (`operational`).
public enum ItemStatus: String, Codable, CaseIterable, Sendable, Hashable {
    case draft, pilot, operational
}
