namespace Ferry.Sample.Families;

/// <summary>
/// The lookup tables of the full profile, named as the Ed-Fi data standard names its descriptors (each table is the
/// name plus <c>Descriptor</c>). <c>GradeLevel</c> is absent: it belongs to the small profile.
/// </summary>
internal static class DescriptorNames
{
    public static readonly string[] All =
    [
        "AbsenceEventCategory", "AcademicHonorCategory", "AcademicSubject", "Accommodation", "AccountType",
        "AchievementCategory", "AdditionalCreditType", "AddressType", "AdministrationEnvironment",
        "AdministrativeFundingControl", "AncestryEthnicOrigin", "AssessmentCategory", "AssessmentIdentificationSystem",
        "AssessmentItemCategory", "AssessmentItemResult", "AssessmentPeriod", "AssessmentReportingMethod",
        "AttemptStatus", "AttendanceEventCategory", "BarrierToInternetAccessInResidence", "Behavior", "CalendarEvent",
        "CalendarType", "CareerPathway", "CharterApprovalAgencyType", "CharterStatus", "CitizenshipStatus",
        "ClassroomPosition", "CohortScope", "CohortType", "CohortYearType", "CompetencyLevel", "ContactType",
        "ContentClass", "ContinuationOfServicesReason", "CostRate", "Country", "CourseAttemptResult",
        "CourseDefinedBy", "CourseGPAApplicability", "CourseIdentificationSystem", "CourseLevelCharacteristic",
        "CourseRepeatCode", "CredentialField", "CredentialType", "CreditCategory", "CreditType", "CurriculumUsed",
        "DeliveryMethod", "Diagnosis", "DiplomaLevel", "DiplomaType", "Disability", "DisabilityDesignation",
        "DisabilityDeterminationSourceType", "DisciplineActionLengthDifferenceReason", "Discipline",
        "DisciplineIncidentParticipationCode", "EducationalEnvironment", "EducationOrganizationCategory",
        "EducationOrganizationIdentificationSystem", "EducationPlan", "ElectronicMailType", "EmploymentStatus",
        "EntryGradeLevelReason", "EntryType", "EventCircumstance", "ExitWithdrawType", "GradebookEntryType",
        "GradePointAverageType", "GradeType", "GradingPeriod", "GraduationPlanType",
        "GunFreeSchoolsActReportingStatus", "HomelessPrimaryNighttimeResidence", "HomelessProgramService",
        "IdentificationDocumentUse", "IncidentLocation", "Indicator", "IndicatorGroup", "IndicatorLevel",
        "InstitutionTelephoneNumberType", "InteractivityStyle", "InternetAccess", "InternetAccessTypeInResidence",
        "InternetPerformanceInResidence", "InterventionClass", "InterventionEffectivenessRating", "Language",
        "LanguageInstructionProgramService", "LanguageUse", "LearningStandardCategory", "LevelOfEducation",
        "LicenseStatus", "LicenseType", "LimitedEnglishProficiency", "Locale", "LocalEducationAgencyCategory",
        "MagnetSpecialProgramEmphasisSchool", "MediumOfInstruction", "MethodCreditEarned",
        "MigrantEducationProgramService", "ModelEntity", "Monitored", "NeglectedOrDelinquentProgram",
        "NeglectedOrDelinquentProgramService", "NetworkPurpose", "OldEthnicity", "OperationalStatus", "OtherNameType",
        "Participation", "ParticipationStatus", "PerformanceBaseConversion", "PerformanceLevel",
        "PersonalInformationVerification", "PlatformType", "PopulationServed", "PostingResult",
        "PostSecondaryEventCategory", "PostSecondaryInstitutionLevel", "PrimaryLearningDeviceAccess",
        "PrimaryLearningDeviceAwayFromSchool", "PrimaryLearningDeviceProvider", "Proficiency", "ProgramAssignment",
        "ProgramCharacteristic", "ProgramSponsor", "ProgramType", "Progress", "ProgressLevel", "ProviderCategory",
        "ProviderProfitability", "ProviderStatus", "PublicationStatus", "QuestionForm", "Race", "ReasonExited",
        "ReasonNotTested", "RecognitionType", "Relation", "RepeatIdentifier", "ReporterDescription", "ResidencyStatus",
        "ResponseIndicator", "Responsibility", "RestraintEventReason", "ResultDatatypeType", "RetestIndicator",
        "SchoolCategory", "SchoolChoiceImplementStatus", "SchoolFoodServiceProgramService", "SchoolType",
        "SectionCharacteristic", "Separation", "SeparationReason", "Service", "Sex", "SourceSystem",
        "SpecialEducationProgramService", "SpecialEducationSetting", "StaffClassification",
        "StaffIdentificationSystem", "StaffLeaveEventCategory", "StateAbbreviation", "StudentCharacteristic",
        "StudentIdentificationSystem", "StudentParticipationCode", "SubmissionStatus", "TeachingCredentialBasis",
        "TeachingCredential", "TechnicalSkillsAssessment", "TelephoneNumberType", "Term", "TitleIPartAParticipant",
        "TitleIPartAProgramService", "TitleIPartASchoolDesignation", "TribalAffiliation", "Visa", "Weapon",
    ];
}
