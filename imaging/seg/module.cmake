# DICOM SEG through DCMTK's dcmseg (with dcmfg and dcmiod).
target_link_libraries(mensura_imaging PRIVATE DCMTK::dcmseg DCMTK::dcmfg DCMTK::dcmiod)
