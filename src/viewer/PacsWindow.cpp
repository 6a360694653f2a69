#include "mensura/viewer/PacsWindow.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>

#include "mensura/pacs/DicomWebClient.h"
#include "mensura/pacs/DimseClient.h"

namespace mensura::viewer {

using namespace imaging::pacs;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// What a background job hands back to the GUI thread.
struct JobResult {
    QString error;
    std::vector<StudyRecord> studies;
    std::vector<SeriesRecord> series;
    QString message;
    QString retrievedFolder;  // set only when the retrieval is complete
};

}  // namespace

PacsWindow::PacsWindow(QWidget* parent) : QDialog(parent), cancel_(std::make_shared<std::atomic<bool>>(false)) {
    setWindowTitle(tr("PACS"));
    resize(900, 600);
    peer_ = new QLineEdit("ORTHANC@127.0.0.1:4242");
    ownAet_ = new QLineEdit("MENSURA");
    dicomweb_ = new QLineEdit;
    dicomweb_->setPlaceholderText("http://host:8042/dicom-web (optional)");
    movePort_ = new QLineEdit("0");
    method_ = new QComboBox;
    method_->addItems({"C-GET", "C-MOVE", "WADO-RS"});
    patientName_ = new QLineEdit;
    patientName_->setPlaceholderText("DOE* (wildcards)");
    patientId_ = new QLineEdit;
    studyDate_ = new QLineEdit;
    studyDate_->setPlaceholderText("20190101-20191231");
    modality_ = new QLineEdit;
    modality_->setPlaceholderText("CT, MR");

    nodes_ = new QComboBox;
    auto* saveNodeButton = new QPushButton(tr("Save as…"));
    auto* nodeRow = new QHBoxLayout;
    nodeRow->addWidget(nodes_, 1);
    nodeRow->addWidget(saveNodeButton);
    connect(nodes_, &QComboBox::textActivated, this, &PacsWindow::selectNode);
    connect(saveNodeButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("Save archive"), tr("Name"), QLineEdit::Normal, nodes_->currentText(), &ok);
        if (ok && !name.isEmpty()) saveNode(name);
    });
    auto* connection = new QFormLayout;
    connection->addRow(tr("Configured archive"), nodeRow);
    connection->addRow(tr("Archive (AET@host:port)"), peer_);
    connection->addRow(tr("Mensura's AE title"), ownAet_);
    connection->addRow(tr("DICOMweb URL"), dicomweb_);
    connection->addRow(tr("C-MOVE port"), movePort_);
    connection->addRow(tr("Retrieve with"), method_);
    auto* query = new QFormLayout;
    query->addRow(tr("Patient name"), patientName_);
    query->addRow(tr("Patient ID"), patientId_);
    query->addRow(tr("Study date"), studyDate_);
    query->addRow(tr("Modality"), modality_);
    auto* forms = new QHBoxLayout;
    forms->addLayout(connection);
    forms->addLayout(query);

    results_ = new QTreeWidget;
    results_->setHeaderLabels({tr("Patient / study / series"), tr("Date"), tr("Modality"), tr("Images"), tr("UID")});
    results_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(results_, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem* item) {
        if (!item->parent() && item->childCount() == 0) loadSeries(item);
    });

    echoButton_ = new QPushButton(tr("Echo"));
    searchButton_ = new QPushButton(tr("Search"));
    retrieveButton_ = new QPushButton(tr("Retrieve"));
    sendButton_ = new QPushButton(tr("Send SR/SEG…"));
    cancelButton_ = new QPushButton(tr("Cancel"));
    cancelButton_->setEnabled(false);
    searchButton_->setDefault(true);
    progress_ = new QProgressBar;
    progress_->setTextVisible(true);
    status_ = new QLabel(tr("Not connected"));
    status_->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    for (auto* b : {echoButton_, searchButton_, retrieveButton_, sendButton_, cancelButton_}) buttons->addWidget(b);
    buttons->addWidget(progress_, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(forms);
    layout->addWidget(results_, 1);
    layout->addLayout(buttons);
    layout->addWidget(status_);

    nodes_->addItems(nodeNames());
    if (nodes_->count() > 0) selectNode(nodes_->itemText(0));
    connect(searchButton_, &QPushButton::clicked, this, &PacsWindow::search);
    connect(retrieveButton_, &QPushButton::clicked, this, &PacsWindow::retrieveSelected);
    connect(sendButton_, &QPushButton::clicked, this, [this] {
        if (filesToSend_.isEmpty())
            filesToSend_ = QFileDialog::getOpenFileNames(this, tr("DICOM files to send"), QString(),
                                                         tr("DICOM (*.dcm);;All files (*)"));
        sendFiles();
    });
    connect(cancelButton_, &QPushButton::clicked, this, &PacsWindow::cancel);
    connect(echoButton_, &QPushButton::clicked, this, [this] {
        const PacsNode n = node();
        setBusy(true, tr("Echo to %1…").arg(q(n.describe())));
        auto* watcher = new QFutureWatcher<JobResult>(this);
        connect(watcher, &QFutureWatcher<JobResult>::finished, this, [this, watcher] {
            const JobResult r = watcher->result();
            watcher->deleteLater();
            setBusy(false, r.error.isEmpty() ? r.message : r.error);
        });
        watcher->setFuture(QtConcurrent::run([n] {
            JobResult r;
            auto e = DimseClient(n).echo();
            if (e)
                r.message = QString("%1 answers (%2 ms)").arg(q(n.describe())).arg(*e * 1000, 0, 'f', 0);
            else
                r.error = q(e.error().message);
            return r;
        }));
    });
}

PacsWindow::~PacsWindow() { cancel_->store(true); }

void PacsWindow::setNode(const PacsNode& n) {
    peer_->setText(QString("%1@%2:%3").arg(q(n.calledAet), q(n.host)).arg(n.port));
    ownAet_->setText(q(n.callingAet));
    dicomweb_->setText(q(n.dicomwebUrl));
    movePort_->setText(QString::number(n.movePort));
}

void PacsWindow::saveNode(const QString& name) {
    QSettings settings;
    settings.beginGroup("pacs/nodes/" + name);
    settings.setValue("peer", peer_->text());
    settings.setValue("ownAet", ownAet_->text());
    settings.setValue("dicomweb", dicomweb_->text());
    settings.setValue("movePort", movePort_->text());
    settings.setValue("method", method_->currentText());
    settings.endGroup();
    if (nodes_->findText(name) < 0) nodes_->addItem(name);
    nodes_->setCurrentText(name);
}

QStringList PacsWindow::nodeNames() const {
    QSettings settings;
    settings.beginGroup("pacs/nodes");
    return settings.childGroups();
}

void PacsWindow::selectNode(const QString& name) {
    QSettings settings;
    settings.beginGroup("pacs/nodes/" + name);
    if (!settings.contains("peer")) return;
    peer_->setText(settings.value("peer").toString());
    ownAet_->setText(settings.value("ownAet").toString());
    dicomweb_->setText(settings.value("dicomweb").toString());
    movePort_->setText(settings.value("movePort").toString());
    method_->setCurrentText(settings.value("method").toString());
    nodes_->setCurrentText(name);
}

void PacsWindow::setRetrieveFolder(const QString& folder) { retrieveFolder_ = folder; }
void PacsWindow::setFilesToSend(const QStringList& files) { filesToSend_ = files; }
QString PacsWindow::status() const { return status_->text(); }

PacsNode PacsWindow::node() const {
    PacsNode n;
    auto parsed = parsePeer(peer_->text().toStdString());
    if (parsed) n = *parsed;
    n.callingAet = ownAet_->text().toStdString();
    n.dicomwebUrl = dicomweb_->text().toStdString();
    n.movePort = movePort_->text().toInt();
    return n;
}

void PacsWindow::setBusy(bool busy, const QString& what) {
    busy_ = busy;
    for (auto* b : {echoButton_, searchButton_, retrieveButton_, sendButton_}) b->setEnabled(!busy);
    cancelButton_->setEnabled(busy);
    if (!busy)
        progress_->setRange(0, 1), progress_->setValue(1);
    else
        progress_->setRange(0, 0);
    status_->setText(what);
    emit busyChanged(busy);
}

void PacsWindow::search() {
    const PacsNode n = node();
    const bool web = method_->currentText() == "WADO-RS" && !n.dicomwebUrl.empty();
    StudyQuery query;
    query.patientName = patientName_->text().toStdString();
    query.patientId = patientId_->text().toStdString();
    query.studyDate = studyDate_->text().toStdString();
    query.modality = modality_->text().toStdString();
    setBusy(true, tr("Searching %1…").arg(web ? q(n.dicomwebUrl) : q(n.describe())));
    auto* watcher = new QFutureWatcher<JobResult>(this);
    connect(watcher, &QFutureWatcher<JobResult>::finished, this, [this, watcher] {
        const JobResult r = watcher->result();
        watcher->deleteLater();
        if (!r.error.isEmpty()) return setBusy(false, r.error);
        showStudies(r.studies);
        setBusy(false, tr("%n stud(ies) found", "", int(r.studies.size())));
    });
    watcher->setFuture(QtConcurrent::run([n, query, web] {
        JobResult r;
        auto found = web ? DicomWebClient(n.dicomwebUrl).searchStudies(query) : DimseClient(n).findStudies(query);
        if (found)
            r.studies = *found;
        else
            r.error = q(found.error().message);
        return r;
    }));
}

void PacsWindow::showStudies(const std::vector<StudyRecord>& studies) {
    results_->clear();
    for (const auto& s : studies) {
        auto* item = new QTreeWidgetItem(
            results_,
            {QString("%1 [%2] %3").arg(q(s.patientName), q(s.patientId), q(s.studyDescription)), q(s.studyDate),
             q(s.modalitiesInStudy), QString::number(s.numberOfInstances), q(s.studyInstanceUid)});
        item->setChildIndicatorPolicy(QTreeWidgetItem::ShowIndicator);
    }
    if (results_->topLevelItemCount() > 0) results_->setCurrentItem(results_->topLevelItem(0));
}

void PacsWindow::loadSeries(QTreeWidgetItem* studyItem) {
    const PacsNode n = node();
    const std::string study = studyItem->text(4).toStdString();
    const bool web = method_->currentText() == "WADO-RS" && !n.dicomwebUrl.empty();
    auto* watcher = new QFutureWatcher<JobResult>(this);
    connect(watcher, &QFutureWatcher<JobResult>::finished, this, [this, watcher, studyItem] {
        const JobResult r = watcher->result();
        watcher->deleteLater();
        if (!r.error.isEmpty()) return void(status_->setText(r.error));
        for (const auto& s : r.series)
            new QTreeWidgetItem(
                studyItem, {QString("#%1 %2").arg(s.seriesNumber).arg(q(s.seriesDescription)), QString(), q(s.modality),
                            QString::number(s.numberOfInstances), q(s.seriesInstanceUid)});
    });
    watcher->setFuture(QtConcurrent::run([n, study, web] {
        JobResult r;
        auto found = web ? DicomWebClient(n.dicomwebUrl).searchSeries(study) : DimseClient(n).findSeries(study);
        if (found)
            r.series = *found;
        else
            r.error = q(found.error().message);
        std::sort(r.series.begin(), r.series.end(),
                  [](const SeriesRecord& a, const SeriesRecord& b) { return a.seriesNumber < b.seriesNumber; });
        return r;
    }));
}

void PacsWindow::retrieveSelected() {
    QTreeWidgetItem* item = results_->currentItem();
    if (!item) return void(status_->setText(tr("Select a study or a series to retrieve")));
    RetrieveRequest request;
    if (item->parent()) {
        request.studyInstanceUid = item->parent()->text(4).toStdString();
        request.seriesInstanceUid = item->text(4).toStdString();
    } else {
        request.studyInstanceUid = item->text(4).toStdString();
    }
    const QString folder = (retrieveFolder_.isEmpty() ? QDir::tempPath() + "/mensura-retrieved" : retrieveFolder_) +
                           "/" + QString::fromStdString(request.studyInstanceUid);
    request.outDir = folder.toStdString();
    const PacsNode n = node();
    const QString method = method_->currentText();
    cancel_->store(false);
    setBusy(true, tr("Retrieving with %1…").arg(method));
    auto* watcher = new QFutureWatcher<JobResult>(this);
    connect(watcher, &QFutureWatcher<JobResult>::finished, this, [this, watcher] {
        const JobResult r = watcher->result();
        watcher->deleteLater();
        setBusy(false, r.error.isEmpty() ? r.message : r.error);
        if (!r.retrievedFolder.isEmpty()) emit studyRetrieved(r.retrievedFolder);
    });
    auto cancel = cancel_;
    QPointer<PacsWindow> self(this);
    watcher->setFuture(QtConcurrent::run([n, request, method, cancel, self, folder] {
        RetrieveOptions options;
        options.cancel = cancel.get();
        options.progress = [self](const RetrieveProgress& p) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, p] {
                    if (!self) return;
                    self->progress_->setRange(0, int(p.expected));
                    self->progress_->setValue(int(p.received));
                },
                Qt::QueuedConnection);
        };
        JobResult r;
        auto report = method == "WADO-RS"
                          ? DicomWebClient(n.dicomwebUrl).retrieve(request, options)
                          : DimseClient(n).retrieve(
                                request, method == "C-MOVE" ? RetrieveMethod::CMove : RetrieveMethod::CGet, options);
        if (!report) {
            r.error = q(report.error().message);
            return r;
        }
        r.message = q(report->summary());
        // A partial study is never offered as complete.
        if (report->complete()) r.retrievedFolder = folder;
        return r;
    }));
}

void PacsWindow::sendFiles() {
    if (filesToSend_.isEmpty()) return void(status_->setText(tr("Nothing to send")));
    const PacsNode n = node();
    std::vector<std::string> files;
    for (const auto& f : filesToSend_) files.push_back(f.toStdString());
    const bool web = method_->currentText() == "WADO-RS" && !n.dicomwebUrl.empty();
    setBusy(true, tr("Sending %n file(s)…", "", int(files.size())));
    auto* watcher = new QFutureWatcher<JobResult>(this);
    connect(watcher, &QFutureWatcher<JobResult>::finished, this, [this, watcher] {
        const JobResult r = watcher->result();
        watcher->deleteLater();
        setBusy(false, r.error.isEmpty() ? r.message : r.error);
    });
    watcher->setFuture(QtConcurrent::run([n, files, web] {
        JobResult r;
        auto report = web ? DicomWebClient(n.dicomwebUrl).store(files) : DimseClient(n).store(files);
        if (!report)
            r.error = q(report.error().message);
        else if (report->failures() > 0)
            r.error = QString("%1 of %2 file(s) not stored").arg(report->failures()).arg(files.size());
        else
            r.message =
                QString("%1 file(s) stored on %2").arg(files.size()).arg(web ? q(n.dicomwebUrl) : q(n.describe()));
        return r;
    }));
}

void PacsWindow::cancel() {
    cancel_->store(true);
    status_->setText(tr("Cancelling…"));
}

}  // namespace mensura::viewer
