#include "RecordSpecs.h"

#include <QUuid>

#include "mensura/case/RecordRules.h"
#include "mensura/dicom/DicomSeriesWriter.h"

namespace mensura::viewer {

using namespace annotations;

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

template <class E>
QStringList enumChoices(std::initializer_list<E> values) {
    QStringList out;
    for (E v : values) out << qs(toString(v));
    return out;
}

template <class T, class E>
ListColumn<T> enumColumn(QString header, E T::*member, std::initializer_list<E> values,
                         std::optional<E> (*parse)(const std::string&)) {
    return {std::move(header), [member](const T& x) { return qs(toString(x.*member)); },
            [member, parse](T& x, const QString& t) {
                const auto v = parse(t.toStdString());
                if (!v) return QObject::tr("unknown value \"%1\"").arg(t);
                x.*member = *v;
                return QString();
            },
            enumChoices(values)};
}

QStringList choices(const std::vector<std::string>& names) {
    QStringList out;
    for (const auto& n : names) out << qs(n);
    return out;
}

// A date column: the record's date rule (RecordRules.h) decides what is accepted.
template <class T>
ListColumn<T> dateColumn(QString header, std::string T::*member,
                         QString toolTip = QObject::tr("ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD")) {
    return {std::move(header),
            [member](const T& x) { return qs(x.*member); },
            [member](T& x, const QString& t) {
                const std::string date = t.trimmed().toStdString();
                if (const auto why = checkDate(date)) return qs(*why);
                x.*member = date;
                return QString();
            },
            {},
            std::move(toolTip)};
}

std::string newUid() { return imaging::derivedUid(QUuid::createUuid().toString().toStdString()); }

}  // namespace

TableSpec laboratorySpec() {
    return listSpec<LabResult>(
        QObject::tr("laboratory result"), [](CaseRecord& r) { return &r.laboratory; },
        {textColumn(QObject::tr("Test"), &LabResult::name),
         numberColumn(QObject::tr("Value"), &LabResult::value),
         textColumn(QObject::tr("Unit"), &LabResult::unit, QObject::tr("UCUM, e.g. [U]/mL")),
         {QObject::tr("Normal range"),
          [](const LabResult& x) { return qs(x.referenceRange.text); },
          [](LabResult& x, const QString& t) {
              x.referenceRange.text = t.trimmed().toStdString();
              return QString();
          },
          {},
          QObject::tr("As reported, e.g. <= 35 U/mL")},
         dateColumn(QObject::tr("Date"), &LabResult::date, QObject::tr("ISO 8601, e.g. 2021-07-01 or 2021-07")),
         textColumn(QObject::tr("Text"), &LabResult::text)});
}

TableSpec lesionsSpec() {
    QStringList sides{""};
    for (const auto& c : lateralityCodes()) sides << qs(c.meaning);
    return listSpec<Lesion>(
        QObject::tr("lesion"), [](CaseRecord& r) { return &r.lesions; },
        {textColumn(QObject::tr("ID"), &Lesion::trackingId, QObject::tr("Tracking identifier, kept across timepoints")),
         enumColumn(QObject::tr("Role"), &Lesion::role,
                    {LesionRole::Primary, LesionRole::Recurrence, LesionRole::LymphNode, LesionRole::Metastasis},
                    &lesionRoleFromString),
         textColumn(QObject::tr("Site"), &Lesion::bodySiteText),
         {QObject::tr("Side"), [](const Lesion& l) { return qs(l.laterality.meaning); },
          [](Lesion& l, const QString& t) {
              auto side = lateralityFromName(t.toStdString());
              if (!side) return qs(side.error().message);
              l.laterality = *side;
              return QString();
          },
          sides},
         {QObject::tr("Vertebral levels"),
          [](const Lesion& l) {
              QStringList levels;
              for (const auto& v : l.vertebralLevels) levels << qs(v);
              return levels.join(", ");
          },
          [](Lesion& l, const QString& t) {
              auto levels = parseVertebralLevels(t.toStdString());
              if (!levels) return qs(levels.error().message);
              l.vertebralLevels = *levels;
              return QString();
          },
          {},
          QObject::tr("e.g. C1, C2")},
         {QObject::tr("Target"), [](const Lesion& l) { return qs(targetText(l.target)); },
          [](Lesion& l, const QString& t) {
              auto target = targetFromText(t.toStdString());
              if (!target) return qs(target.error().message);
              l.target = *target;
              return QString();
          },
          choices(targetChoices()), QObject::tr("RECIST target lesion (auto: by the RECIST rules)")},
         textColumn(QObject::tr("Description"), &Lesion::description)},
        [](const CaseRecord& r) {
            Lesion l;
            l.trackingId = "L" + std::to_string(r.lesions.size() + 1);
            l.trackingUid = newUid();
            return l;
        });
}

TableSpec timepointsSpec() {
    return listSpec<Timepoint>(
        QObject::tr("timepoint"), [](CaseRecord& r) { return &r.imaging; },
        {textColumn(QObject::tr("Label"), &Timepoint::label),
         enumColumn(QObject::tr("Role"), &Timepoint::role,
                    {TimepointRole::Baseline, TimepointRole::FollowUp, TimepointRole::Recurrence,
                     TimepointRole::Postoperative},
                    &timepointRoleFromString),
         dateColumn(QObject::tr("Date"), &Timepoint::date,
                    QObject::tr("ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD; timepoints stay in date order")),
         textColumn(QObject::tr("Relative time"), &Timepoint::relativeTime),
         {QObject::tr("Studies"),
          [](const Timepoint& t) {
              QStringList s;
              for (const auto& st : t.studies) s << qs(st.modality + " " + st.description).trimmed();
              return s.join("; ");
          },
          [](Timepoint&, const QString&) { return QObject::tr("studies are added from the loaded series"); }},
         textColumn(QObject::tr("Notes"), &Timepoint::notes)},
        [](const CaseRecord& r) {
            Timepoint t;
            t.uid = newUid();
            t.role = r.imaging.empty() ? TimepointRole::Baseline : TimepointRole::FollowUp;
            t.label = r.imaging.empty() ? "baseline" : "follow-up " + std::to_string(r.imaging.size());
            return t;
        });
}

TableSpec pathologySpec() {
    return listSpec<PathologyReport>(
        QObject::tr("pathology report"), [](CaseRecord& r) { return &r.pathology; },
        {dateColumn(QObject::tr("Date"), &PathologyReport::date),
         textColumn(QObject::tr("Specimen"), &PathologyReport::specimen),
         textColumn(QObject::tr("Histology"), &PathologyReport::histology),
         {QObject::tr("Mitoses / 10 HPF"),
          [](const PathologyReport& p) {
              return p.mitoticCount ? QString::number(p.mitoticCount->count * 10.0 / p.mitoticCount->perHpf, 'g', 6)
                                    : QString();
          },
          [](PathologyReport& p, const QString& t) {
              std::optional<double> v;
              if (QString e = parseOptional(t, v); !e.isEmpty()) return e;
              if (v)
                  p.mitoticCount = MitoticCount{*v, 10};
              else
                  p.mitoticCount.reset();
              return QString();
          }},
         textColumn(QObject::tr("Necrosis"), &PathologyReport::necrosis),
         textColumn(QObject::tr("Grade"), &PathologyReport::grade),
         textColumn(QObject::tr("Notes"), &PathologyReport::notes)});
}

TableSpec immunohistochemistrySpec(SelectedRow report) {
    return listSpec<IhcResult>(
        QObject::tr("IHC marker"),
        [report](CaseRecord& r) -> std::vector<IhcResult>* {
            const int i = report();
            return i >= 0 && i < int(r.pathology.size()) ? &r.pathology[std::size_t(i)].immunohistochemistry : nullptr;
        },
        {textColumn(QObject::tr("Marker"), &IhcResult::marker),
         {QObject::tr("Result"),
          [](const IhcResult& x) { return qs(x.result); },
          [](IhcResult& x, const QString& t) {
              x.result = t.toStdString();
              return QString();
          },
          {"+", "-", "+/-", "focal +", "weak +", "partial +", "scattered +"}},
         numberColumn(QObject::tr("Percent"), &IhcResult::percent, QObject::tr("e.g. Ki-67 40")),
         textColumn(QObject::tr("Text"), &IhcResult::text)});
}

TableSpec geneticsSpec() {
    return listSpec<GeneticTest>(
        QObject::tr("genetic test"), [](CaseRecord& r) { return &r.genetics; },
        {dateColumn(QObject::tr("Date"), &GeneticTest::date), textColumn(QObject::tr("Method"), &GeneticTest::method),
         textColumn(QObject::tr("Target"), &GeneticTest::target),
         textColumn(QObject::tr("Finding"), &GeneticTest::finding),
         numberColumn(QObject::tr("% positive cells"), &GeneticTest::percentPositiveCells),
         textColumn(QObject::tr("Text"), &GeneticTest::text)});
}

TableSpec proceduresSpec() {
    return listSpec<Procedure>(QObject::tr("procedure"), [](CaseRecord& r) { return &r.treatment.procedures; },
                               {dateColumn(QObject::tr("Date"), &Procedure::date),
                                textColumn(QObject::tr("Relative time"), &Procedure::relativeTime),
                                textColumn(QObject::tr("Procedure"), &Procedure::name),
                                textColumn(QObject::tr("Details"), &Procedure::details)});
}

TableSpec regimensSpec() {
    return listSpec<Regimen>(
        QObject::tr("regimen"), [](CaseRecord& r) { return &r.treatment.regimens; },
        {textColumn(QObject::tr("Regimen"), &Regimen::name),
         dateColumn(QObject::tr("Start"), &Regimen::startDate),
         textColumn(QObject::tr("Relative time"), &Regimen::relativeTime),
         {QObject::tr("Cycles"), [](const Regimen& x) { return x.cycles ? QString::number(*x.cycles) : QString(); },
          [](Regimen& x, const QString& t) { return parseOptionalInt(t, x.cycles); }},
         textColumn(QObject::tr("Notes"), &Regimen::notes)});
}

TableSpec drugsSpec(SelectedRow regimen) {
    return listSpec<DrugDose>(
        QObject::tr("drug"),
        [regimen](CaseRecord& r) -> std::vector<DrugDose>* {
            const int i = regimen();
            return i >= 0 && i < int(r.treatment.regimens.size()) ? &r.treatment.regimens[std::size_t(i)].drugs
                                                                  : nullptr;
        },
        {textColumn(QObject::tr("Drug"), &DrugDose::drug), numberColumn(QObject::tr("Dose"), &DrugDose::dose),
         textColumn(QObject::tr("Unit"), &DrugDose::unit, QObject::tr("e.g. mg/m2")),
         textColumn(QObject::tr("Schedule"), &DrugDose::schedule, QObject::tr("e.g. d1, d8, d15"))});
}

TableSpec radiotherapySpec() {
    return listSpec<Radiotherapy>(
        QObject::tr("radiotherapy"), [](CaseRecord& r) { return &r.treatment.radiotherapy; },
        {dateColumn(QObject::tr("Date"), &Radiotherapy::date),
         textColumn(QObject::tr("Relative time"), &Radiotherapy::relativeTime),
         numberColumn(QObject::tr("Total dose (Gy)"), &Radiotherapy::totalDoseGy),
         {QObject::tr("Fractions"),
          [](const Radiotherapy& x) { return x.fractions ? QString::number(*x.fractions) : QString(); },
          [](Radiotherapy& x, const QString& t) { return parseOptionalInt(t, x.fractions); }},
         textColumn(QObject::tr("Notes"), &Radiotherapy::notes)});
}

TableSpec outcomeSpec() {
    return listSpec<OutcomeEvent>(
        QObject::tr("outcome event"), [](CaseRecord& r) { return &r.outcome; },
        {dateColumn(QObject::tr("Date"), &OutcomeEvent::date),
         textColumn(QObject::tr("Relative time"), &OutcomeEvent::relativeTime),
         textColumn(QObject::tr("Event"), &OutcomeEvent::event), textColumn(QObject::tr("Text"), &OutcomeEvent::text)});
}

}  // namespace mensura::viewer
