// The verification pipeline and credential formats live here; see the Data Integrity files.
import LinkedData
