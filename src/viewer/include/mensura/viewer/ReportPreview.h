#pragma once
// The report as the tumour board will read it, before it is exported: the HTML report with key
// images is written to a scratch folder in the background and shown as laid out for print; Save
// PDF writes it where the user chooses, Export puts HTML and PDF in the case's exports/.
#include <QDialog>
#include <QImage>
#include <QTemporaryDir>

class QLabel;
class QPushButton;

namespace mensura::viewer {

class ReportPreview : public QDialog {
    Q_OBJECT
  public:
    // Starts building the report of the case folder (saved beforehand by the caller).
    ReportPreview(const QString& caseFolder, bool deidentify, QWidget* parent = nullptr);

    bool isReady() const { return !image_.isNull(); }
    QString error() const { return error_; }
    const QImage& image() const { return image_; }
    QString htmlPath() const { return html_; }
    // Writes the PDF to path; the error text, or empty.
    QString savePdf(const QString& path);

  signals:
    void ready();

  private:
    QString caseFolder_;
    QTemporaryDir scratch_;
    QString html_, error_;
    QImage image_;
    QLabel* page_;
    QPushButton *savePdf_, *exportButton_;
};

}  // namespace mensura::viewer
