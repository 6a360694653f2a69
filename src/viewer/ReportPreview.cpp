#include "mensura/viewer/ReportPreview.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "mensura/report/ExportFormats.h"
#include "mensura/report/ReportDocument.h"

namespace mensura::viewer {

namespace {
struct Built {
    QString html, error;
    QImage image;
};
}  // namespace

ReportPreview::ReportPreview(const QString& caseFolder, bool deidentify, QWidget* parent)
    : QDialog(parent), caseFolder_(caseFolder) {
    setObjectName("reportPreview");
    setWindowTitle(tr("Report preview%1").arg(deidentify ? tr(" (de-identified)") : QString()));
    page_ = new QLabel(tr("Building the report and its key images…"));
    page_->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    auto* scroll = new QScrollArea;
    scroll->setWidget(page_);
    scroll->setWidgetResizable(true);
    scroll->setBackgroundRole(QPalette::Dark);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    savePdf_ = buttons->addButton(tr("Save PDF…"), QDialogButtonBox::ActionRole);
    exportButton_ = buttons->addButton(tr("Export HTML + PDF to the case"), QDialogButtonBox::ActionRole);
    savePdf_->setEnabled(false);
    exportButton_->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll);
    layout->addWidget(buttons);
    resize(1000, 900);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(savePdf_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the report as PDF"),
                                                          caseFolder_ + "/exports/report.pdf", tr("PDF (*.pdf)"));
        if (path.isEmpty()) return;
        const QString error = savePdf(path);
        setWindowTitle(error.isEmpty() ? tr("Report saved to %1").arg(path) : tr("PDF not written: %1").arg(error));
    });
    connect(exportButton_, &QPushButton::clicked, this, [this] {
        const QString out = caseFolder_ + "/exports";
        QString error = savePdf(out + "/report.pdf");
        if (error.isEmpty()) {
            // the HTML with its key images, beside the PDF
            QDir().mkpath(out);
            for (const QString& f : QDir(QFileInfo(html_).absolutePath()).entryList(QDir::Files)) {
                QFile::remove(out + "/" + f);
                if (!QFile::copy(QFileInfo(html_).absolutePath() + "/" + f, out + "/" + f))
                    error = tr("cannot write %1").arg(out + "/" + f);
            }
        }
        setWindowTitle(error.isEmpty() ? tr("Report exported to %1").arg(out) : tr("Export failed: %1").arg(error));
    });

    const std::string folder = caseFolder.toStdString(), out = scratch_.path().toStdString();
    auto* watcher = new QFutureWatcher<Built>(this);
    connect(watcher, &QFutureWatcher<Built>::finished, this, [this, watcher] {
        const Built b = watcher->result();
        watcher->deleteLater();
        html_ = b.html;
        error_ = b.error;
        if (!error_.isEmpty()) {
            page_->setText(tr("The report could not be built:\n%1").arg(error_));
        } else {
            image_ = b.image;
            page_->setPixmap(QPixmap::fromImage(image_));
            savePdf_->setEnabled(true);
            exportButton_->setEnabled(true);
        }
        emit ready();
    });
    watcher->setFuture(QtConcurrent::run([folder, out, deidentify]() -> Built {
        annotations::DeidentificationPolicy policy;
        policy.enabled = deidentify;
        Built b;
        const auto files = exportCaseAs("html", folder, out, policy);
        if (!files) {
            b.error = QString::fromStdString(files.error().message);
            return b;
        }
        b.html = QString::fromStdString(files->front());
        auto image = renderHtmlReport(files->front(), 900);
        if (!image)
            b.error = QString::fromStdString(image.error().message);
        else
            b.image = *image;
        return b;
    }));
}

QString ReportPreview::savePdf(const QString& path) {
    if (html_.isEmpty()) return tr("the report is not built yet");
    QDir().mkpath(QFileInfo(path).absolutePath());
    const auto written = writePdfReport(html_.toStdString(), path.toStdString());
    return written ? QString() : QString::fromStdString(written.error().message);
}

}  // namespace mensura::viewer
