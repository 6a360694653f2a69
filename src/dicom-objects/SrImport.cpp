// Reading TID 1500 measurement reports by walking the SR content tree, so that any writer's
// report (dcmqi, highdicom, OHIF, Mensura) is read the same way.
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmsr/dsrcitem.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <cstdlib>

#include "mensura/dicom-objects/SrExport.h"
#include "mensura/dicom/DcmtkSetup.h"

namespace mensura::annotations {
namespace {

CodedConcept concept(const DSRCodedEntryValue& c) {
    return {c.getCodeValue().c_str(), c.getCodingSchemeDesignator().c_str(), c.getCodeMeaning().c_str()};
}

bool is(const DSRCodedEntryValue& c, const char* value, const char* scheme) {
    return c.getCodeValue() == value && c.getCodingSchemeDesignator() == scheme;
}

struct Walker {
    SrReport& report;

    void walk(DSRDocumentTree& tree, SrGroup* group, SrMeasurement* measurement, SrCoordinates* coordinates) {
        do {
            DSRContentItem& item = tree.getCurrentContentItem();
            if (!item.isValid()) return;
            const DSRCodedEntryValue name = item.getConceptName();
            SrGroup* childGroup = group;
            SrMeasurement* childMeasurement = measurement;
            SrCoordinates* childCoordinates = coordinates;
            switch (item.getValueType()) {
                case DSRTypes::VT_Container:
                    if (is(name, "125007", "DCM")) {  // Measurement Group
                        report.groups.emplace_back();
                        childGroup = &report.groups.back();
                        childMeasurement = nullptr;
                    }
                    break;
                case DSRTypes::VT_Text:
                    if (group && is(name, "112039", "DCM")) group->trackingId = item.getStringValue().c_str();
                    break;
                case DSRTypes::VT_UIDRef:
                    if (group && is(name, "112040", "DCM")) group->trackingUid = item.getStringValue().c_str();
                    break;
                case DSRTypes::VT_Code:
                    if (group && !measurement) {
                        const CodedConcept value = concept(*item.getCodeValuePtr());
                        if (is(name, "121071", "DCM"))
                            group->finding = value;
                        else if (is(name, "363698007", "SCT") || is(name, "G-C0E3", "SRT"))
                            group->findingSite = value;
                        else if (!is(name, "126010", "DCM") && !is(name, "121058", "DCM"))  // not Procedure / Purpose
                            group->qualitative.push_back({concept(name), value});
                    }
                    break;
                case DSRTypes::VT_Num:
                    if (group) {
                        const DSRNumericMeasurementValue* num = item.getNumericValuePtr();
                        SrMeasurement m;
                        m.concept = concept(name);
                        m.value = std::atof(num->getNumericValue().c_str());
                        m.unit = concept(num->getMeasurementUnit());
                        group->measurements.push_back(m);
                        childMeasurement = &group->measurements.back();
                    }
                    break;
                case DSRTypes::VT_SCoord:
                    if (measurement || group) {
                        DSRSpatialCoordinatesValue* sc = item.getSpatialCoordinatesPtr();
                        SrCoordinates c;
                        c.graphicType = DSRTypes::graphicTypeToEnumeratedValue(sc->getGraphicType());
                        const auto& list = sc->getGraphicDataList();
                        for (std::size_t i = 1; i <= list.getNumberOfItems(); ++i) {
                            Float32 x = 0, y = 0;
                            list.getItem(i, x, y);
                            c.points.push_back({x, y});
                        }
                        auto& list2 = measurement ? measurement->coordinates : group->regions;
                        list2.push_back(c);
                        childCoordinates = &list2.back();
                    }
                    break;
                case DSRTypes::VT_SCoord3D:
                    if (measurement || group) {
                        DSRSpatialCoordinates3DValue* sc = item.getSpatialCoordinates3DPtr();
                        SrCoordinates c;
                        c.graphicType = DSRTypes::graphicType3DToEnumeratedValue(sc->getGraphicType());
                        c.frameOfReferenceUid = sc->getFrameOfReferenceUID().c_str();
                        const auto& list = sc->getGraphicDataList();
                        for (std::size_t i = 1; i <= list.getNumberOfItems(); ++i) {
                            Float32 x = 0, y = 0, z = 0;
                            list.getItem(i, x, y, z);
                            c.points3d.push_back({x, y, z});
                        }
                        (measurement ? measurement->coordinates : group->regions).push_back(c);
                    }
                    break;
                case DSRTypes::VT_Image: {
                    DSRImageReferenceValue* image = item.getImageReferencePtr();
                    if (coordinates) {
                        coordinates->sopClassUid = image->getSOPClassUID().c_str();
                        coordinates->sopInstanceUid = image->getSOPInstanceUID().c_str();
                    } else if (group && is(name, "121191", "DCM")) {  // Referenced Segment
                        group->referencedSegmentSopInstanceUid = image->getSOPInstanceUID().c_str();
                        if (!image->getSegmentList().isEmpty())
                            group->referencedSegmentNumber = static_cast<int>(image->getSegmentList().getItem(1));
                    }
                    break;
                }
                default:
                    break;
            }
            if (tree.goDown()) {
                walk(tree, childGroup, childMeasurement, childCoordinates);
                tree.goUp();
            }
        } while (tree.gotoNext());
    }
};

}  // namespace

imaging::Result<SrReport> readMeasurementReport(const std::string& path) {
    imaging::initDcmtk();
    DcmFileFormat file;
    OFCondition c = file.loadFile(path.c_str());
    if (c.bad()) return imaging::Error{path + ": not a readable DICOM file: " + c.text()};
    DSRDocument doc;
    c = doc.read(*file.getDataset());
    if (c.bad()) return imaging::Error{path + ": not a DICOM Structured Report DCMTK can read: " + c.text()};
    SrReport report;
    report.path = path;
    OFString v;
    doc.getSOPInstanceUID(v);
    report.sopInstanceUid = v.c_str();
    doc.getStudyInstanceUID(v);
    report.studyInstanceUid = v.c_str();
    doc.getPatientName(v);
    report.patientName = v.c_str();
    doc.getPatientID(v);
    report.patientId = v.c_str();
    DSRDocumentTree& tree = doc.getTree();
    if (tree.gotoRoot() == 0) return imaging::Error{path + ": the SR has no content"};
    DSRContentItem& root = tree.getCurrentContentItem();
    report.title = concept(root.getConceptName());
    OFString templateId, mapping;
    root.getTemplateIdentification(templateId, mapping);
    report.templateId = templateId.c_str();
    if (!is(root.getConceptName(), "126000", "DCM") && report.templateId != "1500")
        return imaging::Error{path + ": not a TID 1500 Measurement Report (title " + report.title.meaning + ")"};
    Walker{report}.walk(tree, nullptr, nullptr, nullptr);
    return report;
}

}  // namespace mensura::annotations
